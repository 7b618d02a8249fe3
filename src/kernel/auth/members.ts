import type { Conn } from '../db/connect.js';
import { Invalid } from '../errors.js';

/** A person named in a request (an owner, an assignee) must belong to the actor's tenant. */
export async function assertMember(conn: Conn, tenantId: string, userId: string, path: string): Promise<void> {
  const row = await conn.selectFrom('memberships').select('user_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
  if (!row) throw new Invalid(`no member ${userId} in this tenant`, [{ path, message: `no member ${userId} in this tenant` }]);
}
