import { type DataCategory, type DataClasses, type Sensitivity, sensitivityRank } from '../kernel/dataclasses.js';
import { compileRules, type CompiledRule, decide, type RuleContext, type RuleDecision } from '../policy/cel.js';
import type { DataClassAction, PolicyPack } from '../policy/schema.js';
import type { Budget } from './limits.js';

/**
 * The runtime section of a policy pack, compiled once per pack version for the hot path: CEL programs, model and
 * region patterns as regexes, the data-class action table, budgets. `decide` fails closed (see policy/cel.ts).
 */
export interface RuntimePolicy {
  packName: string;
  tier: PolicyPack['tier'];
  allowsModel(provider: string, model: string): boolean;
  allowsRegion(region: string): boolean;
  /**
   * The strictest action (block > route > redact > allow) among the categories found, and the sensitivity level's
   * action when the request is more sensitive than the use case was approved for.
   */
  actionFor(found: DataClasses, declared: DataClasses): DataClassAction;
  decide(ctx: RuleContext): RuleDecision;
  logging: PolicyPack['runtime']['logging'];
  budget: Budget;
  review: PolicyPack['runtime']['review'];
  durableRecords: boolean;
}

/** Glob patterns (`*` matches any run) as one anchored regex; an empty list matches nothing. */
const patternRegex = (patterns: readonly string[]) =>
  patterns.length === 0 ? /$^/ : new RegExp(`^(?:${patterns.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')).join('|')})$`);

const ACTION_RANK: Record<DataClassAction['action'], number> = { allow: 0, redact: 1, route: 2, block: 3 };

export function compileRuntime(pack: PolicyPack): RuntimePolicy {
  const rules: CompiledRule[] = compileRules(pack.runtime.rules);
  const models = patternRegex(pack.runtime.models);
  const regions = patternRegex(pack.runtime.regions);
  const table = pack.runtime.dataClasses;
  const b = pack.runtime.budgets;
  return {
    packName: pack.name,
    tier: pack.tier,
    allowsModel: (provider, model) => models.test(`${provider}/${model}`),
    allowsRegion: (region) => regions.test(region),
    actionFor(found, declared) {
      let worst: DataClassAction = sensitivityRank(found.sensitivity) > sensitivityRank(declared.sensitivity) ? table[found.sensitivity as Sensitivity] : { action: 'allow' };
      for (const c of found.categories) {
        const a = table[c as DataCategory];
        if (ACTION_RANK[a.action] > ACTION_RANK[worst.action]) worst = a;
      }
      return worst;
    },
    decide: (ctx) => decide(rules, ctx),
    logging: pack.runtime.logging,
    budget: {
      ...(b.requestsPerMinute > 0 ? { requestsPerMinute: b.requestsPerMinute } : {}),
      ...(b.tokensPerMinute > 0 ? { tokensPerMinute: b.tokensPerMinute } : {}),
      ...(b.spendPerDay > 0 ? { spendPerDayUsd: b.spendPerDay } : {}),
      ...(b.spendPerMonth > 0 ? { spendPerMonthUsd: b.spendPerMonth } : {}),
    },
    review: pack.runtime.review,
    durableRecords: pack.runtime.durableRecords,
  };
}
