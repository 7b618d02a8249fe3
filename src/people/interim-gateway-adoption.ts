/**
 * INTERIM: adoption figures read straight from the gateway's call records (gateway_events and review_items), until
 * measurement offers adoption by role from its rollups. This is the one place in the people capability that reads
 * another capability's tables; replace it by passing measurement's source as `adoption` to wirePeople.
 */
import { sql } from 'kysely';
import type { Db } from '../kernel/db/connect.js';
import type { AdoptionSource, RoleAdoption } from './adoption-service.js';

const FAILED = ['error', 'upstream_error'];
const DECIDED = ['approved', 'edited', 'rejected'];

/**
 * Per verified end-user role: distinct active users; calls; task completion (tasks are cases, or single calls when
 * no case id is sent; a task completes when one of its calls was answered); the override rate (reviews edited or
 * rejected ÷ reviews decided); p95 latency; error rate (calls that failed ÷ calls). No satisfaction: the gateway
 * records none.
 */
export function interimGatewayAdoption(db: Db): AdoptionSource {
  return async (tenantId, useCaseId, from, to) => {
    const events = db
      .selectFrom('gateway_events')
      .where('tenant_id', '=', tenantId)
      .where('use_case_id', '=', useCaseId)
      .where('at', '>=', from.toISOString())
      .where('at', '<=', to.toISOString())
      .where('end_user_role', 'is not', null);
    const rows = await events
      .select((eb) => [
        'end_user_role as role',
        eb.fn.count<number>(sql`distinct end_user_id`).as('users'),
        eb.fn.countAll<number>().as('calls'),
        eb.fn.count<number>(sql`distinct coalesce(case_id, id)`).as('tasks'),
        eb.fn.count<number>(sql`distinct case when outcome = 'ok' then coalesce(case_id, id) end`).as('completed'),
        eb.fn.sum<number>(sql`case when outcome in (${sql.join(FAILED)}) then 1 else 0 end`).as('failed'),
      ])
      .groupBy('end_user_role')
      .execute();
    const reviews = await db
      .selectFrom('review_items as r')
      .innerJoin('gateway_events as e', (j) => j.onRef('e.id', '=', 'r.event_id').onRef('e.tenant_id', '=', 'r.tenant_id'))
      .select((eb) => ['e.end_user_role as role', eb.fn.countAll<number>().as('decided'), eb.fn.sum<number>(sql`case when r.status = 'approved' then 0 else 1 end`).as('overridden')])
      .where('r.tenant_id', '=', tenantId)
      .where('r.use_case_id', '=', useCaseId)
      .where('r.status', 'in', DECIDED)
      .where('e.at', '>=', from.toISOString())
      .where('e.at', '<=', to.toISOString())
      .where('e.end_user_role', 'is not', null)
      .groupBy('e.end_user_role')
      .execute();
    const figures: RoleAdoption[] = [];
    for (const r of rows) {
      const calls = Number(r.calls);
      const review = reviews.find((x) => x.role === r.role);
      const p95 = await events
        .select('latency_ms')
        .where('end_user_role', '=', r.role!)
        .orderBy('latency_ms')
        .limit(1)
        .offset(Math.max(0, Math.ceil(calls * 0.95) - 1))
        .executeTakeFirst();
      figures.push({
        role: r.role!, activeUsers: Number(r.users), calls,
        taskCompletion: Number(r.tasks) > 0 ? Number(r.completed) / Number(r.tasks) : null,
        overrideRate: review && Number(review.decided) > 0 ? Number(review.overridden) / Number(review.decided) : null,
        satisfaction: null, latencyP95Ms: p95 ? Number(p95.latency_ms) : null, errorRate: calls > 0 ? Number(r.failed) / calls : null,
      });
    }
    return figures;
  };
}
