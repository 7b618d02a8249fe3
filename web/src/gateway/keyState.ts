import type { Stage } from '../portfolio/vocabulary';
import type { Environment, GatewayKey } from './types';

export interface KeyState {
  label: string;
  tone: 'ok' | 'warn' | 'bad' | 'muted';
  /** Whether the key can still be rotated or revoked. */
  live: boolean;
}

/** Where a key stands now: revoked, expired, rotated and in its grace period, or active. */
export function keyState(key: GatewayKey, now: Date, formatDateTime: (iso: string) => string): KeyState {
  if (key.revokedAt) return { label: `Revoked ${formatDateTime(key.revokedAt)}`, tone: 'bad', live: false };
  if (key.expiresAt && new Date(key.expiresAt) <= now) return { label: `Expired ${formatDateTime(key.expiresAt)}`, tone: 'muted', live: false };
  if (key.rotatedTo) return { label: `Rotated: works until ${key.expiresAt ? formatDateTime(key.expiresAt) : 'revoked'}`, tone: 'warn', live: true };
  return { label: 'Active', tone: 'ok', live: true };
}

/**
 * Why calls with a key of this environment would be refused right now, if they would: the gateway answers a pilot key
 * only in pilot or production, a production key only in production, and only while the environment has an active release.
 */
export function environmentNote(environment: Environment, stage: Stage, hasActiveRelease: boolean): string | undefined {
  const stages: Stage[] = environment === 'production' ? ['production'] : ['pilot', 'production'];
  if (!stages.includes(stage)) return `The use case is in ${stage}: a ${environment} key is refused until it reaches ${stages.join(' or ')}.`;
  if (!hasActiveRelease) return `No release is active in ${environment} yet: calls are refused until one is.`;
  return undefined;
}
