import type { BinaryExpr, Expr } from '@alertcraft/promql';
import { labelInfo } from '../label-sets.js';
import { neverZero } from '../never-zero.js';
import type { LintCheck } from '../types.js';
import { isConstant, metricName, numberValue, snippet, some, textOf, unparen, walk } from '../walk.js';

/** Operands of a top-level `a and b and c` chain (through parentheses). */
function andOperands(e: Expr): Expr[] {
  const u = unparen(e);
  if (u.type === 'BinaryExpr' && u.op === 'and') return [...andOperands(u.lhs), ...andOperands(u.rhs)];
  return [u];
}

/**
 * A minimum-volume guard: `sum(rate(x[5m])) > 0`, `count(...) >= 10`, `x != 0`; the guarded side
 * must itself be a volume, not a ratio or a quantile (which are NaN at zero traffic themselves).
 */
function isVolumeGuard(e: Expr): boolean {
  const u = unparen(e);
  if (u.type !== 'BinaryExpr' || u.returnBool) return false;
  let side: Expr;
  let op = u.op;
  let limit: number | undefined;
  if (isConstant(u.rhs)) {
    side = u.lhs;
    limit = numberValue(u.rhs);
  } else if (isConstant(u.lhs)) {
    side = u.rhs;
    limit = numberValue(u.lhs);
    op = op === '<' ? '>' : op === '<=' ? '>=' : op;
  } else return false;
  if (limit === undefined || limit < 0) return false;
  if (!(op === '>' || op === '>=' || (op === '!=' && limit === 0))) return false;
  return !some(
    side,
    (n) => (n.type === 'BinaryExpr' && n.op === '/') || (n.type === 'Call' && n.func.startsWith('histogram_')),
  );
}

/** The divisor is guarded in place: `x / (y > 0)`, `x / clamp_min(y, 1)`. */
function guardedDivisor(d: Expr): boolean {
  const u = unparen(d);
  if (u.type === 'Call' && u.func === 'clamp_min') return (numberValue(u.args[1] ?? u) ?? 0) > 0;
  return isVolumeGuard(u);
}

/** Functions whose result is a volume of events: zero when nothing happens. */
const EVENT_RATES = new Set(['rate', 'irate', 'increase']);

/**
 * The divisor measures traffic: it is built from a rate/increase of something, or reads a
 * recorded series (`job:requests:rate5m`; what a recording rule holds is not visible here). A
 * divisor of raw gauges or cumulative totals (`openstack_placement_resource_total *
 * ..._allocation_ratio`, `chunks_count`) does not fall to zero when traffic stops, so the
 * zero-traffic argument does not apply to it.
 */
function measuresTraffic(d: Expr): boolean {
  return some(
    d,
    (n) =>
      (n.type === 'Call' && EVENT_RATES.has(n.func)) ||
      (n.type === 'VectorSelector' && (metricName(n) ?? ':').includes(':')),
  );
}

function isRatio(n: Expr): n is BinaryExpr {
  if (n.type !== 'BinaryExpr' || n.op !== '/') return false;
  return labelInfo(n.lhs).kind === 'vector' && labelInfo(n.rhs).kind === 'vector';
}

export const ratioWithoutTrafficGuard: LintCheck = {
  info: {
    code: 'lint/ratio-without-traffic-guard',
    severity: 'warning',
    description:
      'A ratio of two rates/sums with no traffic guard (`and sum(rate(x[5m])) > 0` or a minimum-volume `>` guard): at zero traffic it is 0/0 = NaN, so the alert silently cannot fire and recorded series carry NaN (reported as info on recording rules, and on alerts whose divisor is no rate/increase, e.g. a ratio of gauges, which only a zero gauge makes NaN). Divisors that are never zero need no guard: non-zero constants, `count(...)`, and capacity/size/limit gauges such as `node_filesystem_size_bytes` or `kubelet_volume_stats_capacity_bytes`.',
  },
  rule(ctx, _pack, report) {
    if (!ctx.expr) return;
    const operands = andOperands(ctx.expr);
    const guarded = operands.some(isVolumeGuard);
    if (guarded) return;
    let first: BinaryExpr | undefined;
    walk(ctx.expr, (n) => {
      if (!first && isRatio(n) && !guardedDivisor(n.rhs) && !neverZero(n.rhs)) first = n;
    });
    if (!first) return;
    const denom = snippet(textOf(ctx.source, unparen(first.rhs)));
    const ratio = snippet(textOf(ctx.source, first));
    const traffic = measuresTraffic(first.rhs);
    report({
      code: 'lint/ratio-without-traffic-guard',
      field: 'expr',
      range: first.range,
      severity: ctx.alerting && traffic ? undefined : 'info',
      message:
        !traffic && ctx.alerting
          ? `ratio \`${ratio}\` divides by \`${denom}\`, which is no rate or increase: it does not drop to zero with traffic, but if it can be 0 the ratio is NaN and the alert cannot fire then. If it can, append \`and ${denom} > 0\`.`
          : ctx.alerting
            ? `ratio \`${ratio}\` has no traffic guard: with no traffic it is 0/0 = NaN, every comparison with NaN is false, and the alert cannot tell "no traffic" from "healthy". Wrap the condition in parentheses and append \`and ${denom} > 0\` (or a minimum-volume \`> N\`), and add a separate zero-traffic alert.`
            : `ratio \`${ratio}\` has no traffic guard: with no traffic the recorded series is NaN, which poisons averages and comparisons downstream. Guard the divisor, e.g. \`/ (${denom} > 0)\`, so the series is absent instead.`,
      fix: ctx.alerting
        ? { message: `append \`and ${denom} > 0\` to the expression` }
        : { message: `divide by \`(${denom} > 0)\`` },
    });
  },
};
