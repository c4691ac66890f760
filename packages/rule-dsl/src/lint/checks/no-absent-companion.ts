import type { Expr, VectorSelector } from '@alertcraft/promql';
import type { LintCheck, PackContext } from '../types.js';
import { isConstant, metricName, numberValue, selectors, some, unparen, walk } from '../walk.js';

/** Metric names an expression reads, following recording rules of the pack back to raw metrics. */
function metricsOf(expr: Expr, pack: PackContext, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  for (const s of selectors(expr)) {
    const name = metricName(s);
    if (!name) continue;
    out.add(name);
    const rec = pack.recorded.get(name);
    if (rec?.expr && !seen.has(name)) {
      seen.add(name);
      for (const m of metricsOf(rec.expr, pack, seen)) out.add(m);
    }
  }
  return out;
}

/** Metrics an alert watches for disappearing: `absent(x)`, `absent_over_time(x[..])`, `sum(rate(x[5m])) == 0` (or `<= 0`). */
function watchedForAbsence(expr: Expr, pack: PackContext): Set<string> {
  const out = new Set<string>();
  walk(expr, (n) => {
    if (n.type === 'Call' && (n.func === 'absent' || n.func === 'absent_over_time')) {
      for (const m of metricsOf(n, pack)) out.add(m);
    }
    if (n.type === 'BinaryExpr' && (n.op === '==' || n.op === '<=')) {
      const [side, lit] = isConstant(n.rhs) ? [n.lhs, n.rhs] : [undefined, undefined];
      const v = lit ? numberValue(lit) : undefined;
      if (!side || v !== 0) return;
      if (!some(side, (x) => x.type === 'BinaryExpr' && x.op === '/')) {
        for (const m of metricsOf(side, pack)) out.add(m);
      }
    }
  });
  return out;
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** `job` matchers (as `op value`) of the `up` series alerts watch (`up == 0`, `up{job="x"} != 1`, `absent(up{...})`); `*` when one has none. */
function watchedTargets(expr: Expr): Set<string> {
  const out = new Set<string>();
  const add = (root: Expr): void => {
    for (const sel of selectors(root)) {
      if (metricName(sel) !== 'up') continue;
      const job = sel.matchers.find((m) => m.name === 'job');
      out.add(job ? `${job.op}${job.value}` : '*');
    }
  };
  walk(expr, (n) => {
    if (n.type === 'Call' && (n.func === 'absent' || n.func === 'absent_over_time')) add(n);
    if (n.type === 'BinaryExpr' && COMPARISONS.has(n.op) && (isConstant(n.rhs) || isConstant(n.lhs)))
      add(isConstant(n.rhs) ? n.lhs : n.rhs);
  });
  return out;
}

/**
 * True when an alert on `up` covers the target a selector reads from: an `up` alert without a
 * `job` matcher covers every target; one with a matcher covers selectors with the same matcher,
 * and selectors with no `job` matcher (in a file written for one system they read that system).
 */
function targetWatched(sel: VectorSelector, watched: ReadonlySet<string>): boolean {
  if (watched.size === 0) return false;
  if (watched.has('*')) return true;
  const job = sel.matchers.find((m) => m.name === 'job');
  return job === undefined || watched.has(`${job.op}${job.value}`);
}

export const noAbsentCompanion: LintCheck = {
  info: {
    code: 'lint/no-absent-companion',
    severity: 'warning',
    description:
      'A paging alert whose metrics have no `absent(...)`/zero-traffic companion alert in the pack, and whose scrape target no `up` alert (`up == 0`, `absent(up{job=...})`) watches: if the metric stops being reported the paging alert goes quiet instead of firing.',
  },
  pack(pack, report) {
    const covered = new Set<string>();
    const targets = new Set<string>();
    for (const ctx of pack.rules) {
      if (ctx.alerting && ctx.expr) {
        for (const m of watchedForAbsence(ctx.expr, pack)) covered.add(m);
        for (const t of watchedTargets(ctx.expr)) targets.add(t);
      }
    }
    for (const ctx of pack.rules) {
      if (!ctx.alerting || !ctx.paging || !ctx.expr) continue;
      if (some(ctx.expr, (n) => n.type === 'Call' && (n.func === 'absent' || n.func === 'absent_over_time'))) continue;
      const metrics = [...metricsOf(ctx.expr, pack)].filter((m) => !m.includes(':')).sort();
      if (metrics.length === 0 || metrics.some((m) => covered.has(m))) continue;
      // A scrape-target alert (`up == 0`, `absent(up{job=...})`) fires when the exporter dies.
      if (
        selectors(ctx.expr).some(
          (s) => !metricName(s)?.includes(':') && metricName(s) !== undefined && targetWatched(s, targets),
        )
      )
        continue;
      const e = unparen(ctx.expr);
      const counter =
        metrics.find((m) => /_total$/.test(m) && !/error|fail/.test(m)) ??
        metrics.find((m) => /(_total|_count)$/.test(m));
      const example = counter
        ? `\`absent(${counter})\` or \`sum(rate(${counter}[5m])) == 0\``
        : `\`absent(${metrics[0]})\``;
      report(ctx, {
        code: 'lint/no-absent-companion',
        field: 'expr',
        range: e.range,
        message: `paging alert reads ${metrics.map((m) => `\`${m}\``).join(', ')} but no alert in the pack fires when ${metrics.length > 1 ? 'they stop' : 'it stops'} being reported or traffic drops to zero; when the exporter dies this alert goes quiet. Add a companion alert with a \`for\`, e.g. ${example}.`,
      });
    }
  },
};
