/**
 * The report's SLO parts: per run, each SLO's budget over the run (burn rate, share of the period
 * budget spent in the window, budget remaining at the run's end); per pack, each variant of a
 * phase's rules against the phase on the same days (firing, false positives, detection) with the
 * first alert of both sides per expected incident.
 */
import { fromRfc3339 } from '../result/build.js';
import type { ResultMeasure, ResultSlo, ResultVariant } from '../result/types.js';
import { esc } from './escape.js';
import { duration, num, pct, utc } from './format.js';

function measure(m: ResultMeasure): string {
  if (m.value === null) return '–';
  return m.unit === 'x' ? `${num(m.value)}×` : pct(m.value);
}

/** Budget remaining below zero is overspent: shown as such. */
function remaining(m: ResultMeasure): string {
  if (m.value === null || m.value >= 0) return esc(measure(m));
  return `<strong>${esc(measure(m))}</strong> (overspent)`;
}

/** The SLO table of one run, or '' when its phase has no SLOs. */
export function sloBudgetTable(slos: readonly ResultSlo[] | undefined): string {
  if (!slos?.length) return '';
  const rows = slos.map(
    (s) =>
      `<tr><td>${esc(s.service ? `${s.service}/${s.name}` : s.name)}</td><td class="num">${esc(String(s.objectivePercent))} %</td><td>${esc(s.period)}</td><td class="num">${s.events === null ? '–' : esc(String(s.events))}</td><td class="num">${s.errorRatio === null ? '–' : `${esc(num(s.errorRatio * 100, 4))} %`}</td><td class="num">${esc(measure(s.burnRate))}</td><td class="num">${esc(measure(s.budgetSpent))}</td><td class="num">${remaining(s.budgetRemaining)}</td></tr>`,
  );
  return [
    '<h4>SLO budgets</h4>',
    `<p class="meta">Over the run's window (${esc(duration(slos[0]!.windowSeconds))}): the SLI's error ratio, its burn rate (1× spends exactly the budget over the period) and the share of one period's budget it spent; remaining is over the period ending at the run's end.</p>`,
    `<div class="scroll"><table class="slos"><tr><th>SLO</th><th class="num">objective</th><th>period</th><th class="num">events</th><th class="num">error ratio</th><th class="num">burn rate</th><th class="num">budget spent</th><th class="num">budget remaining</th></tr>${rows.join('')}</table></div>`,
  ].join('\n');
}

function first(d: { alertname: string; seconds: number } | null): string {
  return d ? `<code>${esc(d.alertname)}</code> after ${esc(duration(d.seconds))}` : '<strong>missed</strong>';
}

/** One variant against its phase. */
export function variantSection(v: ResultVariant): string {
  const sides = v.comparison.map(
    (s) =>
      `<tr><td>${esc(s.name)}${s.name === v.phase ? ' (the phase)' : ' (variant)'}</td><td class="num">${s.firingAlerts}</td><td class="num">${s.falsePositives}</td><td class="num">${esc(pct(s.falsePositiveRate))}</td><td class="num">${s.incidentsDetected}/${s.incidentsRequired}</td><td class="num">${esc(duration(s.mttdSeconds))}</td></tr>`,
  );
  const detections = v.detections.map(
    (d) =>
      `<tr><td><code>${esc(d.incident)}</code></td><td>${esc(d.kind)}</td><td class="num">${esc(duration(d.withinSeconds))}</td><td>${first(d.phase)}</td><td>${first(d.variant)}</td></tr>`,
  );
  return [
    `<h3>Variant ${esc(v.variant)} of ${esc(v.phase)}</h3>`,
    `<p class="meta">${esc(v.description)}. Both replayed over ${esc(utc(fromRfc3339(v.window.start)))} – ${esc(utc(fromRfc3339(v.window.end)))}, the same ${v.incidents.length} incidents; the variant does not count in the verdict.</p>`,
    `<div class="scroll"><table class="comparison variant"><tr><th>rules</th><th class="num">firing</th><th class="num">false positives</th><th class="num">false+ rate</th><th class="num">detected</th><th class="num">MTTD</th></tr>${sides.join('')}</table></div>`,
    `<div class="scroll"><table class="detections"><tr><th>incident</th><th>kind</th><th class="num">deadline</th><th>${esc(v.phase)}: first alert</th><th>${esc(v.variant)}: first alert</th></tr>${detections.join('')}</table></div>`,
  ].join('\n');
}
