import type { Role } from './auth/permissions.js';

/** Who is acting: a signed-in person, a machine token, or Charter itself. Every service call takes one. */
export interface Actor {
  tenantId: string;
  kind: 'user' | 'token' | 'system';
  /** User id for people and tokens (a token acts for the user who created it); 'system' for Charter. */
  id: string;
  name: string;
  roles: Role[];
  /** Set when the actor is a token. */
  tokenId?: string;
}

export function systemActor(tenantId: string, name = 'charter'): Actor {
  return { tenantId, kind: 'system', id: 'system', name, roles: ['platform_admin'] };
}
