/**
 * The report's calibration section of a pack: per calibrated phase, the thresholds chosen (with
 * the history figures and the explanation), then the phase it replaces and the calibrated one
 * side by side on the same days and incidents (and the benign disturbances there): false
 * positives, detection, time to detect.
 */
import { fromRfc3339 } from '../result/build.js';
import type { ResultCalibration } from '../result/types.js';
import { esc } from './escape.js';
import { duration, num, pct, utc } from './format.js';

export function calibrationSection(c: ResultCalibration): string {
  const alertRows = c.alerts.map(
    (a) =>
      `<tr><td><code>${esc(a.alertname)}</code></td><td class="num">${esc(num(a.threshold, 6))}</td><td>${esc(a.source)}</td><td class="num">${esc(duration(a.forSeconds))}</td><td class="num">${a.falsePositives}</td><td class="num">${a.detected}/${a.incidents}</td><td class="num">${esc(duration(a.meanTtdSeconds))}</td><td>${a.met ? 'met' : '<strong>not met</strong>'}</td><td>${a.explanation.map((e) => esc(e)).join('<br>')}</td></tr>`,
  );
  const sideRows = c.comparison.map(
    (s) =>
      `<tr><td>${esc(s.phase)}${s.phase === c.phase ? ' (calibrated)' : ''}</td><td class="num">${s.firingAlerts}</td><td class="num">${s.falsePositives}</td><td class="num">${esc(pct(s.falsePositiveRate))}</td><td class="num">${s.incidentsDetected}/${s.incidentsRequired}</td><td class="num">${esc(pct(s.detectionRate))}</td><td class="num">${esc(duration(s.mttdSeconds))}</td></tr>`,
  );
  return [
    `<h3>Calibrated ${esc(c.phase)} vs ${esc(c.comparedWith)}</h3>`,
    `<p class="meta">Thresholds learned from ${esc(utc(fromRfc3339(c.learnedFrom.start)))} to ${esc(utc(fromRfc3339(c.learnedFrom.end)))} (budget ${esc(num(c.maxFalsePositivesPerDay))} false positives per day); both phases' rules replayed over ${esc(utc(fromRfc3339(c.window.start)))} – ${esc(utc(fromRfc3339(c.window.end)))}, the same ${c.incidents.length} incidents.</p>`,
    c.disturbances?.length
      ? `<p class="meta">Benign disturbances in the window (not incidents: an alert they trip is a false positive): ${c.disturbances.map((d) => esc(d)).join('; ')}.</p>`
      : '',
    `<div class="scroll"><table class="calibration"><tr><th>alert</th><th class="num">threshold</th><th>from</th><th class="num">for</th><th class="num">history false+</th><th class="num">history detected</th><th class="num">history TTD</th><th>budget</th><th>why</th></tr>${alertRows.join('')}</table></div>`,
    `<div class="scroll"><table class="comparison"><tr><th>rules</th><th class="num">firing</th><th class="num">false positives</th><th class="num">false+ rate</th><th class="num">detected</th><th class="num">detection</th><th class="num">MTTD</th></tr>${sideRows.join('')}</table></div>`,
  ]
    .filter((part) => part !== '')
    .join('\n');
}
