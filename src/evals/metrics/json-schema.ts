import { Invalid } from '../../kernel/errors.js';
import { parseJsonAnswer, schemaValidator } from '../json-text.js';
import { meanMetric } from './metric.js';

export const jsonSchema = meanMetric({
  name: 'json_schema',
  kind: 'generation',
  better: 'higher',
  description: 'share of answers that are JSON (strictly: no prose, no code fences) valid against options.schema when given',
  scorer: (options) => {
    let valid: (value: unknown) => boolean;
    try {
      valid = schemaValidator(options.schema ?? true);
    } catch (err) {
      throw new Invalid(`options.schema is not a valid JSON Schema: ${(err as Error).message}`, [{ path: 'options.schema', message: 'invalid' }]);
    }
    return (c) => {
      if (c.output === null) return 0;
      const parsed = parseJsonAnswer(c.output);
      return parsed !== undefined && valid(parsed) ? 1 : 0;
    };
  },
});
