import { describe, expect, it } from 'vitest';
import { rowProblems } from './rows';

describe('reading the row problems of a refused upload', () => {
  it('splits the API path into the line and the field', () => {
    expect(
      rowProblems([
        { path: 'line 3: label', message: 'must not be empty' },
        { path: 'line 7', message: 'not valid JSON' },
        { path: 'body', message: 'empty' },
      ]),
    ).toEqual([
      { line: 3, field: 'label', message: 'must not be empty' },
      { line: 7, field: null, message: 'not valid JSON' },
      { line: null, field: null, message: 'empty' },
    ]);
  });
});
