/**
 * `evaluateRules(storage, groups, options)`: rule evaluation against the in-memory storage with
 * the embedded engine. Recording outputs and ALERTS/ALERTS_FOR_STATE are appended to `storage`.
 */
import type { Expr } from '../ast.js';
import { parseOrThrow } from '../parser/parse-or-throw.js';
import { instantQuery, type EngineQueryOptions } from '../eval/query.js';
import type { Storage } from '../storage/memory-storage.js';
import { STALE_NAN } from '../storage/stale.js';
import type { QueryValue, VectorSample } from '../values.js';
import {
  evaluateRuleGroups,
  type EvaluateGroupsOptions,
  type EvaluateGroupsResult,
  type RuleEngine,
} from './evaluate-groups.js';
import type { RuleGroupInput } from './types.js';

/** Converts an instant-query value to the vector a rule sees (Prometheus `EngineQueryFunc`). */
export function ruleVector(value: QueryValue, t: number): VectorSample[] {
  if (value.type === 'vector') return value.samples;
  if (value.type === 'scalar') return [{ labels: {}, t: value.t ?? t, v: value.v }];
  throw new Error('rule result is not a vector or scalar');
}

/** A RuleEngine over an in-memory storage and the embedded evaluator; parsed expressions are cached. */
export function storageRuleEngine(storage: Storage, queryOptions: EngineQueryOptions = {}): RuleEngine {
  const cache = new Map<string, Expr>();
  return {
    query(expr: string, t: number): VectorSample[] {
      let e = cache.get(expr);
      if (!e) {
        e = parseOrThrow(expr, { experimentalFunctions: queryOptions.experimentalFunctions ?? false });
        cache.set(expr, e);
      }
      return ruleVector(instantQuery(storage, e, t, queryOptions), t);
    },
    append(samples: readonly VectorSample[], stale?: boolean): void {
      for (const s of samples) {
        try {
          storage.append(s.labels, s.t, stale ? STALE_NAN : s.v);
        } catch {
          // Prometheus drops out-of-order/duplicate rule samples (and logs them); so do we.
        }
      }
    },
  };
}

export interface EvaluateRulesOptions extends Omit<EvaluateGroupsOptions, 'templateQuery'> {
  queryOptions?: EngineQueryOptions;
}

/**
 * Evaluates rule groups over [start, end] at their intervals against `storage` (mutated: rule
 * outputs are appended). Returns the alert timeline, evaluation errors and the state machines.
 */
export function evaluateRules(
  storage: Storage,
  groups: readonly RuleGroupInput[],
  options: EvaluateRulesOptions,
): EvaluateGroupsResult {
  const { queryOptions, ...rest } = options;
  return evaluateRuleGroups(storageRuleEngine(storage, queryOptions), groups, rest);
}
