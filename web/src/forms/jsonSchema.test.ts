import { describe, expect, it } from 'vitest';
import { validate, type JsonSchema } from './jsonSchema';

/** A slice of the API's published POST /api/v1/use-cases body schema. */
const useCaseCreate: JsonSchema = {
  type: 'object',
  required: ['title', 'outcome', 'valueStreamId', 'dataClasses'],
  properties: {
    title: { type: 'string', minLength: 3, maxLength: 200 },
    outcome: {
      anyOf: [
        { type: 'object', required: ['metric', 'baseline'], properties: { metric: { type: 'string', minLength: 2 }, baseline: { type: 'number' } } },
        { type: 'string', minLength: 1, maxLength: 500 },
      ],
    },
    valueStreamId: { type: 'string' },
    dataClasses: { type: 'object', required: ['sensitivity'], properties: { sensitivity: { type: 'string', enum: ['public', 'internal'] } } },
    priority: { type: 'object', properties: { impact: { type: 'integer', minimum: 1, maximum: 5 } } },
    tags: { type: 'array', maxItems: 2, items: { type: 'string', minLength: 1 } },
  },
};

describe('validating a body against the API contract', () => {
  it('accepts a complete body', () => {
    expect(validate(useCaseCreate, { title: 'Claims helper', outcome: 'Reduce x by 3% while y', valueStreamId: 'vs_1', dataClasses: { sensitivity: 'internal' } })).toEqual([]);
  });

  it('names every missing or malformed field with the path the API uses', () => {
    const problems = validate(useCaseCreate, { title: 'ab', outcome: '', dataClasses: { sensitivity: 'secret' }, priority: { impact: 7 }, tags: ['a', 'b', ''] });
    expect(problems).toEqual([
      { path: 'body.valueStreamId', message: 'required' },
      { path: 'body.title', message: 'at least 3 characters' },
      { path: 'body.outcome', message: 'required' },
      { path: 'body.dataClasses.sensitivity', message: 'must be one of public, internal' },
      { path: 'body.priority.impact', message: 'at most 5' },
      { path: 'body.tags', message: 'at most 2 item(s)' },
      { path: 'body.tags.2', message: 'required' },
    ]);
  });

  it('checks a structured outcome against the object branch of the union', () => {
    const problems = validate(useCaseCreate, { title: 'Claims helper', outcome: { metric: 'x', baseline: 'ten' }, valueStreamId: 'vs_1', dataClasses: { sensitivity: 'internal' } });
    expect(problems).toEqual([
      { path: 'body.outcome.metric', message: 'at least 2 characters' },
      { path: 'body.outcome.baseline', message: 'must be a number' },
    ]);
  });

  it('refuses a fraction where a whole number is required', () => {
    expect(validate({ type: 'integer' }, 2.5)).toEqual([{ path: 'body', message: 'must be a whole number' }]);
  });

  it('checks a discriminated union against the branch its kind names, with exclusive bounds', () => {
    const action: JsonSchema = {
      oneOf: [
        { type: 'object', properties: { kind: { type: 'string', const: 'throttle' }, fraction: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } }, required: ['kind', 'fraction'] },
        { type: 'object', properties: { kind: { type: 'string', const: 'suspend' } }, required: ['kind'] },
      ],
    };
    expect(validate(action, { kind: 'suspend' })).toEqual([]);
    expect(validate(action, { kind: 'throttle', fraction: 1 })).toEqual([{ path: 'body.fraction', message: 'less than 1' }]);
    expect(validate(action, { kind: 'throttle' })).toEqual([{ path: 'body.fraction', message: 'required' }]);
    const asEnums: JsonSchema = { oneOf: [{ type: 'object', properties: { kind: { enum: ['throttle'] } } }, { type: 'object', properties: { kind: { enum: ['suspend'] } } }] };
    expect(validate(asEnums, { kind: 'suspend' })).toEqual([]);
  });

  it('checks URLs and emails the API publishes by format alone', () => {
    expect(validate({ type: 'string', format: 'uri' }, 'the wiki')).toEqual([{ path: 'body', message: 'must be a URL' }]);
    expect(validate({ type: 'string', format: 'uri' }, 'https://wiki.northwind.example/risk')).toEqual([]);
    expect(validate({ type: 'string', format: 'email' }, 'priya@')).toEqual([{ path: 'body', message: 'must be a valid email' }]);
    expect(validate({ type: 'string', format: 'email' }, 'priya.shah@northwind.example')).toEqual([]);
  });
});
