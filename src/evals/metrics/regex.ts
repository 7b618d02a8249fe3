import { Invalid } from '../../kernel/errors.js';
import { meanMetric } from './metric.js';

export const regex = meanMetric({
  name: 'regex',
  kind: 'generation',
  better: 'higher',
  description: 'share of answers matching options.pattern (with options.flags); a failed call does not match',
  scorer: (options) => {
    if (!options.pattern) throw new Invalid('the regex metric needs options.pattern', [{ path: 'options.pattern', message: 'required' }]);
    let pattern: RegExp;
    try {
      pattern = new RegExp(options.pattern, (options.flags ?? '').replace('g', ''));
    } catch (err) {
      throw new Invalid(`options.pattern is not a valid regular expression: ${(err as Error).message}`, [{ path: 'options.pattern', message: 'invalid' }]);
    }
    return (c) => (c.output !== null && pattern.test(c.output) ? 1 : 0);
  },
});
