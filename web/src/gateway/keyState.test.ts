import { describe, expect, it } from 'vitest';
import { environmentNote, keyState } from './keyState';
import type { GatewayKey } from './types';

const key = (patch: Partial<GatewayKey>): GatewayKey => ({
  id: 'gk_1', useCaseId: 'uc_1', environment: 'pilot', name: 'claims app', prefix: 'chr_gw_pilot_AbCd', ownerId: 'usr_1',
  createdAt: '2026-11-01T00:00:00.000Z', expiresAt: '2027-01-30T00:00:00.000Z', revokedAt: null, rotatedTo: null, ...patch,
});
const now = new Date('2026-11-27T12:00:00.000Z');
const iso = (s: string) => s.slice(0, 10);

describe("a gateway key's state", () => {
  it('is active until it expires', () => {
    expect(keyState(key({}), now, iso)).toEqual({ label: 'Active', tone: 'ok', live: true });
    expect(keyState(key({ expiresAt: '2026-11-27T11:00:00.000Z' }), now, iso)).toEqual({ label: 'Expired 2026-11-27', tone: 'muted', live: false });
  });

  it('keeps working through its grace period once rotated', () => {
    expect(keyState(key({ rotatedTo: 'gk_2', expiresAt: '2026-11-28T12:00:00.000Z' }), now, iso)).toEqual({ label: 'Rotated: works until 2026-11-28', tone: 'warn', live: true });
  });

  it('is dead once revoked, whatever else it says', () => {
    expect(keyState(key({ rotatedTo: 'gk_2', revokedAt: '2026-11-20T00:00:00.000Z' }), now, iso)).toEqual({ label: 'Revoked 2026-11-20', tone: 'bad', live: false });
  });
});

describe('why calls with a new key would be refused', () => {
  it('by the stage the use case is in', () => {
    expect(environmentNote('production', 'pilot', true)).toBe('The use case is in pilot: a production key is refused until it reaches production.');
    expect(environmentNote('pilot', 'build', true)).toBe('The use case is in build: a pilot key is refused until it reaches pilot or production.');
  });

  it('by the missing active release', () => {
    expect(environmentNote('pilot', 'production', false)).toBe('No release is active in pilot yet: calls are refused until one is.');
  });

  it('not at all when both are in place', () => {
    expect(environmentNote('pilot', 'pilot', true)).toBeUndefined();
  });
});
