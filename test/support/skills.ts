import type { Role } from '../../src/kernel/auth/permissions.js';
import type { Harness, TenantFixture } from './harness.js';

/** Every path the shipped packs ask of key holders and approvers, up to the critical tier. */
const PACK_PATHS = ['ai-literacy', 'responsible-ai-builder', 'ai-risk-approver', 'fundamental-rights-assessment'];

const trained = new WeakMap<Harness, Set<string>>();

/**
 * Puts every member of the tenant in the skilling register holding every path the packs name of key holders and
 * approvers (EU AI Act Art. 4), as a change lead records it: modules completed, applied labs done on `useCaseId`
 * and signed off by someone else who may. Members trained before are left as they are. Fixtures call it before
 * approving or issuing keys, the way an organisation trains people before it gives them access.
 */
export async function trainTenant(h: Harness, tenant: TenantFixture, useCaseId: string): Promise<void> {
  const done = trained.get(h) ?? new Set<string>();
  trained.set(h, done);
  const db = h.charter.kernel.db;
  const members = await db.selectFrom('memberships').select(['user_id', 'roles']).where('tenant_id', '=', tenant.id).execute();
  const untrained = members.filter((m) => !done.has(m.user_id));
  if (!untrained.length) return;
  const { catalogue, people, learning } = h.charter.people.services;
  const lead = tenant.actors.change_lead;
  const admin = tenant.actors.platform_admin;
  const [items, paths] = await Promise.all([catalogue.listItems(lead), catalogue.listPaths(lead)]);
  const needed = new Set(paths.filter((p) => PACK_PATHS.includes(p.slug)).flatMap((p) => p.items));
  for (const member of untrained) {
    done.add(member.user_id);
    const roles = JSON.parse(member.roles) as Role[];
    const existing = (await people.list(lead, { userId: member.user_id, limit: 1 })).items[0];
    const person = existing ?? (await people.create(lead, { userId: member.user_id, skillRole: roles.includes('executive') ? 'executive' : roles.some((r) => r === 'builder' || r === 'platform_admin') ? 'builder' : 'manager' }));
    // The change lead records for others; the platform admin submits their own lab, so the change lead can sign it off.
    const self = member.user_id === admin.id;
    for (const item of items.filter((i) => needed.has(i.slug))) {
      if (item.kind === 'module') await learning.recordCompletion(lead, person.id, { itemId: item.id, evidence: 'test fixture' });
      else {
        const attempt = await learning.submitLab(self ? admin : lead, person.id, { labId: item.id, useCaseId, evidence: { summary: 'test fixture', links: [] } });
        await learning.signOff(self ? lead : admin, attempt.id, { decision: 'sign_off', note: 'test fixture' });
      }
    }
  }
}
