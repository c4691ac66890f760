/**
 * The report's re-simulation section of a run: the run's figures before, each recommendation
 * re-simulated alone, and the top ones applied together (embedded engine + the Alertmanager
 * simulator, `resimulate`), with the run's noise budget checked before and after the top set
 * (false positives, pages/day and flapping; fatigue is not re-measured).
 */
import { checkBudget, type NoiseBudget } from '@alertcraft/alert-noise';
import type { NoiseFigures, Resimulation } from '../noise/resimulate.js';
import { esc } from './escape.js';
import { num, pct } from './format.js';

function figuresCells(f: NoiseFigures): string {
  return `<td class="num">${pct(f.falsePositiveRate)}</td><td class="num">${num(f.pagesPerDay)}</td><td class="num">${num(f.notificationsPerDay)}</td><td class="num">${f.detected}/${f.required}</td>`;
}

function budgetCell(f: NoiseFigures, budget: NoiseBudget | undefined, windowDays: number | undefined): string {
  if (!budget) return '<td class="muted">–</td>';
  const over = checkBudget(
    { falsePositiveRate: f.falsePositiveRate, pagesPerDay: f.pagesPerDay, flapping: f.flapping, windowDays },
    budget,
  );
  return over.length
    ? `<td><strong>over</strong>: ${over.map((b) => esc(b.message)).join('; ')}</td>`
    : '<td><span class="ok">within</span></td>';
}

/** One run's re-simulated recommendations; `budget` is the run's noise budget when it has one. */
export function resimulationSection(r: Resimulation, budget?: NoiseBudget, windowDays?: number): string {
  const head =
    '<tr><th>recommendation</th><th>why</th><th>helps</th><th class="num">false-positive rate</th><th class="num">pages/day</th><th class="num">notifications/day</th><th class="num">detected</th><th>noise budget</th></tr>';
  const rows = [
    `<tr><td>before</td><td></td><td></td>${figuresCells(r.before)}${budgetCell(r.before, budget, windowDays)}</tr>`,
    ...r.effects.map(
      (e) =>
        `<tr><td><code>${esc(e.recommendation.id)}</code></td><td>${esc(e.recommendation.why)}</td><td>${e.helps ? '<span class="ok">yes</span>' : '<span class="muted">no</span>'}</td>${figuresCells(e.after)}<td></td></tr>`,
    ),
    r.top
      ? `<tr class="top"><td><strong>top together</strong></td><td>${esc(r.top.recommendations.join(', '))}</td><td></td>${figuresCells(r.top.after)}${budgetCell(r.top.after, budget, windowDays)}</tr>`
      : '<tr><td colspan="8" class="muted">No recommendation lowers the noise without losing a detected incident.</td></tr>',
  ];
  const summary = r.top
    ? `<p class="meta">Top recommendations together: false positives ${esc(pct(r.before.falsePositiveRate))} → ${esc(pct(r.top.after.falsePositiveRate))}, pages/day ${esc(num(r.before.pagesPerDay))} → ${esc(num(r.top.after.pagesPerDay))}, incidents detected ${r.before.detected} → ${r.top.after.detected} of ${r.top.after.required} (re-simulated on ${esc(r.scenario)}, seed ${esc(String(r.seed))}).</p>`
    : '';
  return `<h3>Recommendations, re-simulated (${esc(r.phase)})</h3>${summary}<div class="scroll"><table class="recommendations">${head}${rows.join('')}</table></div>`;
}
