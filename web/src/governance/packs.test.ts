import { describe, expect, it } from 'vitest';
import { changeValue, packProblemWords, packsByTier, readPackText, versionName } from './packs';
import type { PackVersionSummary } from './types';

const version = (patch: Partial<PackVersionSummary>) => ({ id: 'pp_1', tier: 'high', ref: null, status: 'draft', createdAt: '2026-11-27T10:00:00Z', ...patch }) as PackVersionSummary;

describe('policy packs', () => {
  it('lists every tier with the version it binds and its own versions, newest first', () => {
    const groups = packsByTier(
      [{ tier: 'high', ref: 'high@1' }],
      [version({ id: 'old', ref: 'high@1', status: 'published' }), version({ id: 'new', createdAt: '2026-11-27T11:00:00Z' }), version({ id: 'lim', tier: 'limited' })],
    );
    expect(groups.map((g) => g.tier)).toEqual(['prohibited', 'critical', 'high', 'limited', 'minimal']);
    expect(groups[2]).toMatchObject({ current: 'high@1' });
    expect(groups[2].versions.map((v) => v.id)).toEqual(['new', 'old']);
    expect(groups[0].current).toBe('prohibited@default');
  });

  it('names a version by its ref once published', () => {
    expect(versionName(version({ ref: 'high@2', status: 'published' }))).toBe('high@2');
    expect(versionName(version({ id: 'pp_9' }))).toBe('draft pp_9');
  });

  it('shows change values briefly', () => {
    expect(changeValue(90)).toBe('90');
    expect(changeValue('risk_reviewer')).toBe('risk_reviewer');
    expect(changeValue({ mode: 'hold' })).toBe('{"mode":"hold"}');
    expect(changeValue(undefined)).toBe('—');
  });

  it('refuses an editor text that is not a JSON object', () => {
    expect(readPackText('{"tier":"high"}')).toEqual({ pack: { tier: 'high' }, problems: [] });
    expect(readPackText('[1]').problems[0].message).toBe('the pack is a JSON object');
    expect(readPackText('{"tier":').problems[0].message).toMatch(/^not valid JSON/);
  });

  it('says where each of the API’s problems lies, CEL ones with line and column', () => {
    expect(packProblemWords([{ path: 'body.runtime.rules[7].expression', message: 'Unexpected token: EOF', line: 1, column: 16 }])).toEqual([
      'runtime.rules[7].expression: Unexpected token: EOF (line 1, column 16)',
    ]);
    expect(packProblemWords([{ path: 'body.runtime.rules[7].expression', message: 'Unexpected token: EOF (line 1, column 16)', line: 1, column: 16 }])).toEqual([
      'runtime.rules[7].expression: Unexpected token: EOF (line 1, column 16)',
    ]);
    expect(packProblemWords([{ path: 'body', message: 'the policy pack is inconsistent' }])).toEqual(['the policy pack is inconsistent']);
  });
});
