/**
 * The series the report's per-incident zoom draws, from a replay: for each run and each incident
 * of its window, every alerting rule the incident names (required, expected of this pack, or the
 * one that detected it) whose expression is `lhs <cmp> number` (or `number <cmp> rhs`) is split;
 * the other side is evaluated on the engine over the incident ± margin, on a storage holding the
 * scenario's series plus the phase's recording rules evaluated over that view. The rules are the
 * phase rendered with the baselines the run learned (calibration overrides are not applied).
 */
import {
  createStorage,
  evaluateRulesRange,
  format,
  isAlertingRule,
  isRecordingRule,
  parse,
  parseDuration,
  rangeQuery,
  type Expr,
  type Labels,
} from '@alertcraft/promql';
import { getPack, renderPhase } from '../pack-registry/registry.js';
import type { ReplayRunDetail } from '../replay/replay.js';
import { fromRfc3339 } from '../result/build.js';
import type { ResultDocument } from '../result/types.js';
import { getScenario } from '../scenario/registry.js';
import type { ScenarioSeries } from '../scenario/types.js';
import { zoomWindow } from './incident-zoom.js';
import type { AlertSamples } from './render.js';

const COMPARISONS = new Set(['>', '<', '>=', '<=']);
const FLIP: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=' };

const unparen = (e: Expr): Expr => (e.type === 'ParenExpr' ? unparen(e.expr) : e);

/** `lhs > 0.05` → { query: lhs, threshold: 0.05, op: '>' }; undefined when the expr is not that shape. */
export function splitThreshold(expr: string): { query: string; threshold: number; op: string } | undefined {
  const parsed = parse(expr);
  if (!parsed.expr) return undefined;
  const e = unparen(parsed.expr);
  if (e.type !== 'BinaryExpr' || !COMPARISONS.has(e.op) || e.returnBool) return undefined;
  const lhs = unparen(e.lhs);
  const rhs = unparen(e.rhs);
  if (rhs.type === 'NumberLiteral' && lhs.type !== 'NumberLiteral')
    return { query: format(e.lhs), threshold: rhs.value, op: e.op };
  if (lhs.type === 'NumberLiteral' && rhs.type !== 'NumberLiteral')
    return { query: format(e.rhs), threshold: lhs.value, op: FLIP[e.op]! };
  return undefined;
}

const matches = (labels: Labels, scope: Record<string, string>) =>
  Object.entries(scope).every(([k, v]) => labels[k] === v);

/** At most `maxSeries` series per incident and alert (those matching the incident's labels first). */
export function incidentSamples(
  doc: ResultDocument,
  details: readonly ReplayRunDetail[],
  series: readonly ScenarioSeries[],
  maxSeries = 3,
): AlertSamples[] {
  const out: AlertSamples[] = [];
  for (const run of doc.runs) {
    const pack = getPack(run.pack);
    // The document's runs are sorted; the details are in replay order.
    const detail = details.find((d) => d.pack === run.pack && d.window.phase === run.phase);
    const rules = renderPhase(pack, run.phase, detail?.baselines ? { baselines: detail.baselines } : {}, {
      fillFromExamples: true,
    });
    const evalMs = pack.rules.evaluationInterval ? parseDuration(pack.rules.evaluationInterval) : 60_000;
    const alerting = rules.groups.flatMap((g) => g.rules.filter(isAlertingRule));
    const recording = rules.groups
      .map((g) => ({ ...g, rules: g.rules.filter(isRecordingRule) }))
      .filter((g) => g.rules.length > 0);
    const runWindow = { start: fromRfc3339(run.window.start), end: fromRfc3339(run.window.end) };
    for (const i of run.incidents) {
      const names = new Set([
        ...i.required,
        ...i.expected.filter((e) => e.pack === run.pack).map((e) => e.alertname),
        ...(i.detection ? [i.detection.alertname] : []),
      ]);
      const wanted = alerting
        .filter((r) => names.has(r.alert))
        .map((r) => ({ rule: r, split: splitThreshold(r.expr) }))
        .filter((x) => x.split);
      if (!wanted.length) continue;
      const view = zoomWindow({ start: fromRfc3339(i.start), end: fromRfc3339(i.end) }, runWindow);
      const storage = createStorage();
      for (const s of series) storage.appendSeries(s.labels, s.timestamps, s.values);
      if (recording.length)
        evaluateRulesRange(storage, recording, { start: view.start, end: view.end, defaultIntervalMs: evalMs });
      for (const { rule, split } of wanted) {
        const value = rangeQuery(storage, split!.query, view.start, view.end, evalMs);
        if (value.type !== 'matrix') continue;
        const ordered = [...value.series].sort(
          (a, b) => Number(matches(b.labels, i.labels)) - Number(matches(a.labels, i.labels)),
        );
        for (const s of ordered.slice(0, maxSeries)) {
          const extra = Object.entries(s.labels)
            .map(([k, v]) => `${k}="${v}"`)
            .join(', ');
          out.push({
            pack: run.pack,
            phase: run.phase,
            scenario: run.scenario,
            runtime: run.runtime,
            alertname: rule.alert,
            incident: i.id,
            query: `${split!.query} ${split!.op} …${extra ? ` {${extra}}` : ''}`,
            threshold: split!.threshold,
            timestamps: s.timestamps,
            values: s.values,
          });
        }
      }
    }
  }
  return out;
}

/** The zoom series `alertcraft replay --report` draws: the replayed scenario regenerated (same seed, same series). */
export function incidentSamplesForReplay(
  outcome: { document: ResultDocument; runs: readonly ReplayRunDetail[]; scenario: { name: string } },
  seed: number | undefined,
): AlertSamples[] {
  const scenario = getScenario(outcome.scenario.name, seed === undefined ? undefined : { seed });
  return incidentSamples(outcome.document, outcome.runs, [...scenario.series()]);
}
