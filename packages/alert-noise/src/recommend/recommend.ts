/**
 * Recommendations from a measured timeline, each kept only when the timeline says it cannot lose
 * an incident the run detected (a longer `for` must still fire before every deadline the alert
 * met; an alert that detected an incident is never dropped or downgraded). Re-simulation proves
 * the rest.
 *
 * - raise `for`: an alert whose false positives resolved quickly; `for` grows by the longest of
 *   them (rounded up to the evaluation interval), as far as the detection deadlines allow and to
 *   at most 30 minutes;
 * - add `keep_firing_for`: an alert identity that re-fired shortly after resolving; it keeps
 *   firing across the longest such gap (at most 1 h);
 * - raise a threshold to a quantile: an alert `expr > N` with false positives, when the caller
 *   measured the left-hand side's quantile over quiet time (`thresholdQuantiles`) above N;
 * - add a traffic guard: an alert whose false positives the caller found at low traffic (`lowTraffic`);
 * - merge duplicates: a co-firing pair (most of the quieter one's firing overlaps the other) whose
 *   quieter alert detected nothing: drop it;
 * - downgrade to ticket: a paging alert that detected nothing and whose firings were mostly false;
 * - add an inhibit rule: a co-firing pair routed to the same receiver, the louder severity
 *   inhibiting the other, not yet inhibited;
 * - add a `group_by`: co-firing alerts that reach one route in separate groups only because it
 *   groups by `alertname`: group them together.
 */
import { parseDuration, type TimelineAlert } from '@alertcraft/promql';
import type { AlertmanagerConfig, RuleFile } from '@alertcraft/rule-dsl';
import { isAlertingRule } from '@alertcraft/rule-dsl';
import { alertIdentity } from '../kpi/match.js';
import { DEFAULT_PAGING_SEVERITIES } from '../kpi/noise.js';
import type { NoiseMeasures } from '../measures/measure.js';
import { matchRoutes } from '../routing.js';
import type { Recommendation } from './types.js';

export interface RecommendInput {
  measures: NoiseMeasures;
  /** The timeline the measures are of. */
  alerts: readonly TimelineAlert[];
  /** Detection deadlines: incident id → ms after its start by which it had to be caught. */
  deadlines: Readonly<Record<string, number>>;
  rules: RuleFile;
  alertmanager?: AlertmanagerConfig;
  evalIntervalMs?: number;
  /** alert → the quantile of its expression's left-hand side over quiet time (caller-measured). */
  thresholdQuantiles?: Readonly<Record<string, { quantile: number; value: number }>>;
  /** alert → a guard expression to `and` with it, for alerts whose false positives fired at low traffic. */
  lowTraffic?: Readonly<Record<string, { guard: string; falsePositives: number }>>;
  pagingSeverities?: readonly string[];
}

/** Go-style duration text of whole seconds (`1h5m`, `90s` → `1m30s`). */
export function formatDuration(ms: number): string {
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

/** The longest `for` a recommendation proposes (30 min). */
export const MAX_FOR_MS = 30 * 60_000;

const ceilTo = (ms: number, step: number) => Math.ceil(ms / step) * step;

function alertRules(rules: RuleFile) {
  return rules.groups.flatMap((g) => g.rules.filter(isAlertingRule));
}

export function recommend(input: RecommendInput): Recommendation[] {
  const { measures, alerts } = input;
  const step = input.evalIntervalMs ?? 60_000;
  const paging = input.pagingSeverities ?? DEFAULT_PAGING_SEVERITIES;
  const rules = new Map(alertRules(input.rules).map((r) => [r.alert, r]));
  const fps = new Set(measures.unexplained);
  const firing = alerts.filter((a) => a.firedAt !== undefined);
  const detections = measures.kpis.detections.filter((d) => d.detected);
  const detectors = new Set(detections.map((d) => d.alertname!));
  const out: Recommendation[] = [];

  for (const [name, rule] of [...rules].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mine = firing.filter((a) => a.alertname === name);
    const myFps = mine.filter((a) => fps.has(a));
    if (!mine.length) continue;

    // raise for
    const fpDurations = myFps.filter((a) => a.resolvedAt !== undefined).map((a) => a.resolvedAt! - a.firedAt!);
    if (fpDurations.length) {
      const slack = Math.min(
        ...detections
          .filter((d) => d.alertname === name)
          .map((d) => (input.deadlines[d.id] ?? Number.POSITIVE_INFINITY) - d.seconds! * 1000),
      );
      const current = rule.for ? parseDuration(rule.for) : 0;
      // A condition that must hold longer than MAX_FOR is a ticket, not a page: never propose more.
      const fits = fpDurations
        .filter((d) => ceilTo(d, step) <= slack && current + ceilTo(d, step) <= MAX_FOR_MS)
        .sort((a, b) => a - b);
      const extra = fits.length ? ceilTo(fits[fits.length - 1]!, step) : 0;
      if (extra > 0) {
        const from = rule.for ?? null;
        const to = formatDuration(current + extra);
        out.push({
          id: `raise-for:${name}`,
          kind: 'raise-for',
          alert: name,
          from,
          to,
          expectedFewer: fits.length,
          why: `${fits.length} of ${myFps.length} false positives of ${name} resolved within ${formatDuration(extra)}; a for of ${to} would not have fired them and still meets every deadline it met`,
        });
      }
    }

    // keep_firing_for
    const byId = new Map<string, TimelineAlert[]>();
    for (const a of mine) byId.set(alertIdentity(a), [...(byId.get(alertIdentity(a)) ?? []), a]);
    const gaps: number[] = [];
    for (const list of byId.values()) {
      list.sort((a, b) => a.activeAt - b.activeAt);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!.resolvedAt;
        if (prev !== undefined && list[i]!.firedAt! - prev < 3_600_000) gaps.push(list[i]!.firedAt! - prev);
      }
    }
    if (gaps.length) {
      const to = formatDuration(Math.min(3_600_000, ceilTo(Math.max(...gaps), step)));
      const from = rule.keep_firing_for ?? null;
      if (!from || parseDuration(from) < parseDuration(to))
        out.push({
          id: `keep-firing-for:${name}`,
          kind: 'keep-firing-for',
          alert: name,
          from,
          to,
          expectedFewer: gaps.length,
          why: `${name} re-fired ${gaps.length} time(s) within ${formatDuration(Math.max(...gaps))} of resolving; keep_firing_for ${to} holds it across those gaps`,
        });
    }

    // raise threshold to a quantile
    const q = input.thresholdQuantiles?.[name];
    const cmp = /^(.*\S)\s*>\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/s.exec(rule.expr);
    if (q && cmp && myFps.length && q.value > Number(cmp[2]))
      out.push({
        id: `raise-threshold:${name}`,
        kind: 'raise-threshold',
        alert: name,
        from: Number(cmp[2]),
        to: q.value,
        quantile: q.quantile,
        expectedFewer: myFps.length,
        why: `${name}'s threshold ${cmp[2]} is below the p${q.quantile * 100} of its value over quiet time (${q.value.toPrecision(4)})`,
      });

    // traffic guard
    const lt = input.lowTraffic?.[name];
    if (lt && lt.falsePositives > 0 && !rule.expr.includes(lt.guard))
      out.push({
        id: `traffic-guard:${name}`,
        kind: 'traffic-guard',
        alert: name,
        guard: lt.guard,
        expectedFewer: lt.falsePositives,
        why: `${lt.falsePositives} false positives of ${name} fired at low traffic; guard it with \`and ${lt.guard}\``,
      });

    // downgrade to ticket
    const sev = rule.labels?.severity ?? '';
    if (paging.includes(sev) && !detectors.has(name) && myFps.length * 2 > mine.length)
      out.push({
        id: `downgrade-to-ticket:${name}`,
        kind: 'downgrade-to-ticket',
        alert: name,
        from: sev,
        expectedFewer: mine.length,
        why: `${name} pages (severity ${sev}) but detected no incident and ${myFps.length} of its ${mine.length} firings were false`,
      });
  }

  // merge duplicates
  const fires = (n: string) => firing.filter((a) => a.alertname === n).length;
  for (const p of measures.duplicates) {
    const [keep, drop] = fires(p.a) >= fires(p.b) ? [p.a, p.b] : [p.b, p.a];
    if (detectors.has(drop) || !rules.has(drop)) continue;
    out.push({
      id: `merge-duplicate:${drop}`,
      kind: 'merge-duplicate',
      keep,
      drop,
      expectedFewer: fires(drop),
      why: `${(p.share * 100).toFixed(0)} % of ${drop}'s firing overlaps ${keep}; it detected no incident ${keep} did not`,
    });
  }

  const am = input.alertmanager;
  if (am) {
    const sevRank = (n: string) => {
      const s = rules.get(n)?.labels?.severity ?? '';
      return ['critical', 'page', 'warning', 'ticket', 'info'].indexOf(s);
    };
    const labelsOf = (n: string) => {
      const a = firing.find((x) => x.alertname === n);
      return a ? ({ ...a.labels, alertname: n } as Record<string, string>) : undefined;
    };
    const inhibited = (src: string, tgt: string) =>
      (am.inhibit_rules ?? []).some(
        (r) =>
          (r.source_matchers ?? []).some((m) => m.includes(`"${src}"`)) &&
          (r.target_matchers ?? []).some((m) => m.includes(`"${tgt}"`)),
      );
    for (const p of measures.coFiring.filter((x) => x.share >= 0.5)) {
      const la = labelsOf(p.a);
      const lb = labelsOf(p.b);
      if (!la || !lb) continue;
      const ra = matchRoutes(am, la);
      const rb = matchRoutes(am, lb);
      const recvA = ra.map((r) => r.receiver).join(',');
      if (recvA !== rb.map((r) => r.receiver).join(',')) continue;
      // inhibit: the louder severity (lower rank) inhibits the quieter; equal on the labels both carry
      const [src, tgt] = sevRank(p.a) !== -1 && sevRank(p.a) <= sevRank(p.b) ? [p.a, p.b] : [p.b, p.a];
      if (sevRank(src) !== sevRank(tgt) && !inhibited(src, tgt) && !detectors.has(tgt)) {
        const equal = Object.keys(la)
          .filter((k) => k !== 'alertname' && k !== 'severity' && k in lb && la[k] === lb[k])
          .sort();
        out.push({
          id: `inhibit:${src}->${tgt}`,
          kind: 'inhibit',
          source: src,
          target: tgt,
          equal,
          expectedFewer: p.overlaps,
          why: `${tgt} fired with ${src} ${p.overlaps} time(s) (${(p.share * 100).toFixed(0)} % overlap) to the same receiver ${recvA}`,
        });
      }
      // group_by: same route, grouped apart only by alertname
      const route = ra[0];
      if (route && rb[0] && route.path.join('.') === rb[0].path.join('.')) {
        const groupBy = route.groupBy;
        if (groupBy.includes('alertname')) {
          const to = groupBy.filter((l) => l !== 'alertname');
          if (!out.some((r) => r.kind === 'group-by' && r.route.join('.') === route.path.join('.')))
            out.push({
              id: `group-by:${route.path.join('.') || 'root'}`,
              kind: 'group-by',
              route: [...route.path],
              from: [...groupBy],
              to,
              expectedFewer: p.overlaps,
              why: `${p.a} and ${p.b} co-fire ${p.overlaps} time(s) on route ${route.path.join('.') || 'root'} (${route.receiver}) and are notified apart only because it groups by alertname`,
            });
        }
      }
    }
  }
  return out.sort((a, b) => b.expectedFewer - a.expectedFewer || (a.id < b.id ? -1 : 1));
}
