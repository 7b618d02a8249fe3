import type { Role } from '../../src/kernel/auth/permissions.js';
import type { Stage, Tier } from '../../src/portfolio/schema.js';
import { ANSWERS_FOR } from '../../src/seed/answers.js';
import { type Harness, type TenantFixture, useCaseBody } from './harness.js';
import { trainTenant } from './skills.js';

export { ANSWERS_FOR, QUIET_ANSWERS } from '../../src/seed/answers.js';

export const READINESS = {
  dataSources: ['Claims system of record'],
  humanOversight: ['A handler reviews every draft before it is sent', 'The team lead samples decisions weekly'],
  rollbackPlan: 'Switch the queue back to manual triage; the previous release stays warm for one click rollback.',
};

const PATH: Stage[] = ['intake', 'triage', 'assessed', 'approved', 'build', 'pilot', 'production'];

/**
 * Takes a screened use case forward to `to` (a suspended one back to where it was) through its governance, over
 * HTTP: states readiness, implements the
 * controls falling due (with URL evidence), asks for each move as the builder and grants every approval request
 * with the tenant's member of that role.
 */
export async function walkGoverned(h: Harness, tenant: TenantFixture, useCaseId: string, to: Stage): Promise<void> {
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, role: Role, payload?: object) => {
    const res = await h.inject({ method, url, headers: tenant.headers[role], ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300 && !url.endsWith('/transitions')) throw new Error(`${method} ${url} as ${role}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const base = `/api/v1/use-cases/${useCaseId}`;
  await trainTenant(h, tenant, useCaseId);
  const useCase = (await call('GET', base, 'viewer')).json();
  if (!useCase.readiness.rollbackPlan) await call('PATCH', base, 'builder', { readiness: READINESS });
  const path = useCase.stage === 'suspended' ? [useCase.suspendedFrom] : PATH.slice(PATH.indexOf(useCase.stage) + 1, PATH.indexOf(to) + 1);
  for (const stage of path) {
    const controls = (await call('GET', `${base}/controls`, 'viewer')).json().items as { control: string; met: boolean; requiredBefore: Stage }[];
    const due = controls.filter((c) => !c.met && PATH.indexOf(c.requiredBefore) <= PATH.indexOf(stage));
    if (due.length) {
      const items = due.map((c) => ({ control: c.control, status: 'implemented', evidence: [{ kind: 'url', url: `https://evidence.example/${encodeURIComponent(c.control)}`, title: `${c.control} evidence` }] }));
      await call('PATCH', `${base}/controls`, 'builder', { items });
    }
    for (let attempt = 0; ; attempt++) {
      const moved = await call('POST', `${base}/transitions`, 'builder', { to: stage });
      if (moved.statusCode === 200) break;
      const pending = (moved.json().problems ?? []).filter((p: { guard: string }) => p.guard === 'approvals').flatMap((p: { pending: { requestId: string; role: Role }[] }) => p.pending);
      if (!pending.length || attempt > 1) throw new Error(`${stage}: ${moved.statusCode} ${moved.body}`);
      for (const p of pending) await call('POST', `/api/v1/approval-requests/${p.requestId}/decision`, p.role, { decision: 'grant' });
    }
  }
}

/** A use case created over HTTP by the business owner and screened to `tier` by the risk reviewer. */
export async function screenedUseCase(h: Harness, tenant: TenantFixture, tier: Tier, overrides: Record<string, unknown> = {}) {
  const created = await h.inject({ method: 'POST', url: '/api/v1/use-cases', headers: tenant.headers.business_owner, payload: useCaseBody(tenant.valueStreamId, { title: `${tier} ${Math.random().toString(36).slice(2, 8)}`, ...overrides }) });
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const screened = await h.inject({ method: 'POST', url: `/api/v1/use-cases/${created.json().id}/screenings`, headers: tenant.headers.risk_reviewer, payload: { answers: ANSWERS_FOR[tier] } });
  if (screened.statusCode !== 201) throw new Error(`screen: ${screened.statusCode} ${screened.body}`);
  return screened.json().useCase as { id: string; riskTier: Tier; policyPackVersion: string; stage: Stage; version: number };
}
