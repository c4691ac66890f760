/**
 * The HTML report: one self-contained file (inline CSS and SVG, one inline zoom script admitted
 * by its hash, no external fetch; a Content-Security-Policy forbids any). A summary of pass/fail per pack expectation at the
 * top, then per pack a KPI table of its phases and per run: the alert timeline over the
 * ground-truth incident windows, the incidents and their detection, the noisiest alerts, and
 * sparklines of the metric each alert watches when samples are given.
 */
import { falsePositives, firingIn } from '@alertcraft/alert-noise';
import type { Resimulation } from '../noise/resimulate.js';
import { fromRfc3339, incidentsOf, timelineOf } from '../result/build.js';
import type { ResultDocument, ResultRun } from '../result/types.js';
import { alertCounts, runVerdict, type RunVerdict } from '../result/verdict.js';
import { calibrationSection } from './calibration-section.js';
import { resimulationSection } from './resimulation-section.js';
import { sloBudgetTable, variantSection } from './slo-section.js';
import type { DashboardPreview } from './dashboard-preview.js';
import { dashboardPreviewsHtml } from './dashboard-preview-html.js';
import { esc } from './escape.js';
import { incidentZoomSvg, zoomWindow } from './incident-zoom.js';
import { notificationsFor, type RunNotifications } from './notifications.js';
import { duration, num, pct, utc } from './format.js';
import { REPORT_CSS } from './styles.js';
import { TIMELINE_ZOOM_CSP, TIMELINE_ZOOM_JS } from './timeline-zoom.js';
import { sparklineSvg, timelineSvg, type TimelineBand, type TimelineRow } from './svg.js';

/** Samples of the metric an alert watches, for its sparkline (ms timestamps). */
export interface AlertSamples {
  pack: string;
  phase: string;
  alertname: string;
  /** Restrict to one scenario/runtime when the document holds several. */
  scenario?: string;
  runtime?: string;
  /** What the samples are, e.g. the alert expression's left-hand side. */
  query?: string;
  /** The rule's threshold on these samples, drawn in the per-incident zoom. */
  threshold?: number;
  /** Samples of one incident's zoom only (not drawn as a whole-window sparkline). */
  incident?: string;
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface ReportOptions {
  title?: string;
  samples?: readonly AlertSamples[];
  /** Shown in the header as given (the renderer reads no clock). */
  generatedAt?: string;
  /** Alert rows per timeline before the rest are summarised; default 40. */
  maxRows?: number;
  /** Dashboard previews (`previewDashboard`) shown after the packs. */
  dashboards?: readonly DashboardPreview[];
  /** Simulated notifications per run (`notificationsOfRun`), shown in the summary. */
  notifications?: readonly RunNotifications[];
  /** Re-simulated recommendations (`resimulate`), shown in their pack's section. */
  resimulations?: readonly Resimulation[];
}

export { runVerdict, type RunVerdict } from '../result/verdict.js';

function unexplainedTable(run: ResultRun, windowEnd: number): string {
  const window = { start: fromRfc3339(run.window.start), end: windowEnd };
  const fps = falsePositives(firingIn(timelineOf(run), window), incidentsOf(run), windowEnd, run.pack).sort(
    (a, b) => a.firedAt! - b.firedAt!,
  );
  if (!fps.length) return '<p class="muted">Every firing is explained by an incident.</p>';
  const rows = fps.map(
    (a) =>
      `<tr><td>${esc(a.alertname)}</td><td><code>${esc(labelText(a.labels))}</code></td><td>${esc(utc(a.firedAt!))}</td><td>${a.resolvedAt === undefined ? '<span class="muted">still firing</span>' : esc(utc(a.resolvedAt))}</td><td class="num">${esc(duration(((a.resolvedAt ?? windowEnd) - a.firedAt!) / 1000))}</td></tr>`,
  );
  return `<div class="scroll"><table class="unexplained"><tr><th>alert</th><th>labels</th><th>fired (UTC)</th><th>resolved (UTC)</th><th class="num">firing</th></tr>${rows.join('')}</table></div>`;
}

function notificationCell(list: readonly RunNotifications[] | undefined, run: ResultRun): string {
  const n = list && notificationsFor(list, run);
  if (!n) return '<span class="muted">not simulated</span>';
  const parts = Object.entries(n.perReceiver).map(
    ([receiver, count]) => `<span data-receiver="${esc(receiver)}">${esc(receiver)}: <b>${count}</b></span>`,
  );
  return `${parts.join('<br>') || '<span class="muted">none sent</span>'}<br><span class="muted">${n.total} total, ${num(n.perDay)}/day</span>`;
}

const runTitle = (r: ResultRun) => `${r.pack} · ${r.phase} · ${r.scenario} · ${r.runtime} · seed ${r.seed}`;
const runId = (r: ResultRun, i: number) => `run-${i}-${r.pack}-${r.phase}`.replace(/[^A-Za-z0-9_-]/g, '_');
const labelText = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(', ');

function badge(v: RunVerdict): string {
  if (v.required === 0 && v.quietViolations === 0) return '<span class="badge none">NO EXPECTATIONS</span>';
  return v.pass ? '<span class="badge pass">PASS</span>' : '<span class="badge fail">FAIL</span>';
}

function bandsOf(run: ResultRun): TimelineBand[] {
  return run.incidents.map((i) => ({
    start: fromRfc3339(i.start),
    end: fromRfc3339(i.end),
    role: i.required.length > 0 ? 'incident' : i.expected.length === 0 ? 'quiet' : 'other',
    label:
      `${i.id} (${i.kind}) ${labelText(i.labels) || 'platform-wide'} ${utc(fromRfc3339(i.start))} → ${utc(fromRfc3339(i.end))}` +
      (i.required.length
        ? `; must raise ${i.required.join(' or ')}`
        : i.expected.length === 0
          ? '; must stay quiet'
          : '; not this run’s concern'),
  }));
}

function rowsOf(run: ResultRun, windowEnd: number, maxRows: number): { rows: TimelineRow[]; hidden: number } {
  const byId = new Map<string, TimelineRow & { first: number }>();
  for (const a of run.alerts) {
    const extra = Object.fromEntries(
      Object.entries(a.labels).filter(([k]) => k !== 'alertname' && k !== 'severity' && k !== 'phase'),
    );
    const label = Object.keys(extra).length ? `${a.alertname} {${labelText(extra)}}` : a.alertname;
    let row = byId.get(label);
    const active = fromRfc3339(a.activeAt);
    if (!row) byId.set(label, (row = { label, pending: [], firing: [], first: active }));
    const fired = a.firedAt === null ? undefined : fromRfc3339(a.firedAt);
    const resolved = a.resolvedAt === null ? windowEnd : fromRfc3339(a.resolvedAt);
    row.pending.push({ start: active, end: fired ?? resolved });
    if (fired !== undefined) row.firing.push({ start: fired, end: resolved });
  }
  const all = [...byId.values()].sort((a, b) => a.first - b.first || (a.label < b.label ? -1 : 1));
  return { rows: all.slice(0, maxRows), hidden: Math.max(0, all.length - maxRows) };
}

function kpiHeader(): string {
  return '<tr><th>phase</th><th>scenario</th><th>runtime</th><th>verdict</th><th class="num">detected</th><th class="num">detection rate</th><th class="num">false-positive rate</th><th class="num">MTTD</th><th class="num">TTD p50</th><th class="num">TTD p95</th><th class="num">pages/day</th><th class="num">flapping</th><th class="num">quiet violations</th><th class="num">firing alerts</th><th class="num">pending only</th></tr>';
}

function kpiRow(run: ResultRun): string {
  const v = runVerdict(run);
  const c = alertCounts(run);
  const k = run.kpis;
  return `<tr><td>${esc(run.phase)}</td><td>${esc(run.scenario)}</td><td>${esc(run.runtime)}</td><td>${badge(v)}</td><td class="num">${v.detected}/${v.required}</td><td class="num">${pct(k.detectionRate)}</td><td class="num">${pct(k.falsePositiveRate)}</td><td class="num">${duration(k.mttdSeconds)}</td><td class="num">${duration(k.ttdP50Seconds)}</td><td class="num">${duration(k.ttdP95Seconds)}</td><td class="num">${num(k.pagesPerDay)}</td><td class="num">${k.flapping}</td><td class="num">${k.quietViolations}</td><td class="num">${c.firing}</td><td class="num">${c.pendingOnly}</td></tr>`;
}

function incidentRow(run: ResultRun, i: ResultRun['incidents'][number], timelineId: string): string {
  let outcome: string;
  if (i.required.length === 0)
    outcome =
      i.expected.length === 0
        ? '<span class="muted">must stay quiet</span>'
        : '<span class="muted">other pack/phase</span>';
  else if (i.detection)
    outcome = `<span class="ok">✓ ${esc(i.detection.alertname)} after ${esc(duration(i.detection.seconds))}</span>`;
  else if (i.alreadyFiring)
    outcome = `<span class="miss">✗ missed: ${esc(i.alreadyFiring)} was already firing when it started</span>`;
  else outcome = `<span class="miss">✗ missed (needed ${esc(i.required.join(' or '))})</span>`;
  const start = fromRfc3339(i.start);
  const end = fromRfc3339(i.end);
  const margin = Math.max(10 * 60_000, (end - start) / 2);
  const w = { start: fromRfc3339(run.window.start), end: fromRfc3339(run.window.end) };
  const zoom = `<a href="#${esc(timelineId)}" data-zoom-target="${esc(timelineId)}" data-zoom-range="${Math.max(w.start, start - margin)},${Math.min(w.end, end + margin)}">zoom</a>`;
  return `<tr><td><code>${esc(i.id)}</code></td><td>${esc(i.kind)}</td><td>${esc(labelText(i.labels) || 'platform-wide')}</td><td>${esc(utc(start))}</td><td>${esc(duration((end - start) / 1000))}</td><td>${outcome}</td><td>${zoom}</td></tr>`;
}

/** The incidents of this run; those of other packs/phases collapsed in a details element. */
function incidentsTable(run: ResultRun, timelineId: string): string {
  if (!run.incidents.length) return '<p class="muted">No ground-truth incidents in this window.</p>';
  const head =
    '<tr><th>incident</th><th>kind</th><th>scope</th><th>start (UTC)</th><th>length</th><th>outcome</th><th>timeline</th></tr>';
  const isOther = (i: ResultRun['incidents'][number]) => i.required.length === 0 && i.expected.length > 0;
  const mine = run.incidents.filter((i) => !isOther(i));
  const others = run.incidents.filter(isOther);
  const table = (list: typeof mine) =>
    `<div class="scroll"><table class="incidents">${head}${list.map((i) => incidentRow(run, i, timelineId)).join('')}</table></div>`;
  return [
    mine.length ? table(mine) : '<p class="muted">No incident of this pack/phase in this window.</p>',
    others.length
      ? `<details class="other-incidents"><summary>${others.length} incident${others.length === 1 ? '' : 's'} of other packs/phases</summary>${table(others)}</details>`
      : '',
  ].join('');
}

function noisiestTable(run: ResultRun): string {
  if (!run.kpis.noisiest.length) return '<p class="muted">No alert fired.</p>';
  const rows = run.kpis.noisiest.map(
    (n) =>
      `<tr><td>${esc(n.alertname)}</td><td class="num">${n.fires}</td><td class="num">${n.falsePositives}</td><td class="num">${esc(duration(n.firingSeconds))}</td></tr>`,
  );
  return `<table class="noisiest"><tr><th>alert</th><th class="num">fires</th><th class="num">false positives</th><th class="num">time firing</th></tr>${rows.join('')}</table>`;
}

function samplesOfRun(run: ResultRun, samples: readonly AlertSamples[]): AlertSamples[] {
  return samples.filter(
    (s) =>
      s.pack === run.pack &&
      s.phase === run.phase &&
      (s.scenario === undefined || s.scenario === run.scenario) &&
      (s.runtime === undefined || s.runtime === run.runtime),
  );
}

/** Per incident of this run, the watched metric of its alert(s) zoomed to the incident ± margin. */
function incidentZooms(run: ResultRun, samples: readonly AlertSamples[]): string {
  const mine = samplesOfRun(run, samples);
  if (!mine.length) return '';
  const runWindow = { start: fromRfc3339(run.window.start), end: fromRfc3339(run.window.end) };
  const out: string[] = [];
  for (const i of run.incidents) {
    const names = new Set([
      ...i.required,
      ...i.expected.filter((e) => e.pack === run.pack).map((e) => e.alertname),
      ...(i.detection ? [i.detection.alertname] : []),
    ]);
    const incident = { start: fromRfc3339(i.start), end: fromRfc3339(i.end) };
    const view = zoomWindow(incident, runWindow);
    for (const s of mine.filter((x) => names.has(x.alertname) && (x.incident === undefined || x.incident === i.id))) {
      const own = run.alerts.filter((a) => a.alertname === s.alertname);
      const pending = own.map((a) => ({
        start: fromRfc3339(a.activeAt),
        end:
          a.firedAt !== null
            ? fromRfc3339(a.firedAt)
            : a.resolvedAt !== null
              ? fromRfc3339(a.resolvedAt)
              : runWindow.end,
      }));
      const firing = own
        .filter((a) => a.firedAt !== null)
        .map((a) => ({
          start: fromRfc3339(a.firedAt!),
          end: a.resolvedAt !== null ? fromRfc3339(a.resolvedAt) : runWindow.end,
        }));
      out.push(
        `<figure class="incident-zoom" data-incident="${esc(i.id)}"><figcaption><code>${esc(i.id)}</code> · ${esc(s.alertname)}${s.query ? ` · <code>${esc(s.query)}</code>` : ''}${s.threshold !== undefined ? ` vs threshold ${esc(num(s.threshold, 4))}` : ' (threshold not known)'}</figcaption>${incidentZoomSvg({ timestamps: s.timestamps, values: s.values, ...(s.threshold !== undefined ? { threshold: s.threshold } : {}), pending, firing, incident, view })}</figure>`,
      );
    }
  }
  if (!out.length) return '';
  return `<h4>Incidents up close</h4><p class="legend"><span><i style="background:rgba(25,113,194,.25)"></i>incident window</span><span><i style="background:rgba(250,176,5,.35)"></i>pending</span><span><i style="background:rgba(232,89,12,.3)"></i>firing</span><span><i style="background:#c92a2a;height:2px"></i>threshold</span></p>${out.join('')}`;
}

function sparklines(
  run: ResultRun,
  samples: readonly AlertSamples[],
  window: { start: number; end: number },
  bands: TimelineBand[],
): string {
  const mine = samplesOfRun(run, samples).filter((s) => s.incident === undefined);
  if (!mine.length) return '';
  const rows = mine
    .slice()
    .sort((a, b) => (a.alertname < b.alertname ? -1 : a.alertname > b.alertname ? 1 : 0))
    .map((s) => {
      const finite = Array.from(s.values).filter((v) => Number.isFinite(v));
      const range = finite.length ? `${num(Math.min(...finite), 4)} … ${num(Math.max(...finite), 4)}` : 'no samples';
      return `<tr><td>${esc(s.alertname)}${s.query ? `<br><code>${esc(s.query)}</code>` : ''}</td><td>${sparklineSvg(s.timestamps, s.values, window, bands)}</td><td class="num">${esc(range)}</td></tr>`;
    });
  return `<h4>Watched metrics</h4><table class="sparklines"><tr><th>alert</th><th>metric over the window</th><th class="num">range</th></tr>${rows.join('')}</table>`;
}

function runSection(run: ResultRun, index: number, options: ReportOptions): string {
  const window = { start: fromRfc3339(run.window.start), end: fromRfc3339(run.window.end) };
  const v = runVerdict(run);
  const bands = bandsOf(run);
  const { rows, hidden } = rowsOf(run, window.end, options.maxRows ?? 40);
  return [
    `<article class="run" id="${runId(run, index)}">`,
    `<h3>${esc(runTitle(run))} ${badge(v)}</h3>`,
    `<p class="meta">Window ${esc(utc(window.start))} → ${esc(utc(window.end))} UTC. ${v.detected} of ${v.required} required incidents caught in time; ${run.kpis.quietViolations} quiet-period violations; ${alertCounts(run).firing} alerts fired (${alertCounts(run).pendingOnly} more went pending only), ${run.kpis.falsePositives} unexplained.</p>`,
    '<p class="legend"><span><i style="background:#1971c2"></i>incident to catch</span><span><i style="background:#868e96"></i>must stay quiet</span><span><i style="background:#ae3ec9"></i>other pack/phase</span><span><i style="background:#fab005"></i>pending</span><span><i style="background:#e8590c"></i>firing</span></p>',
    timelineSvg(rows, bands, window, `${runId(run, index)}-timeline`),
    hidden ? `<p class="muted">${hidden} more alert series not drawn.</p>` : '',
    '<h4>Incidents</h4>',
    incidentsTable(run, `${runId(run, index)}-timeline`),
    incidentZooms(run, options.samples ?? []),
    sloBudgetTable(run.slos),
    '<h4>Firings no incident explains</h4>',
    unexplainedTable(run, window.end),
    '<h4>Noisiest alerts</h4>',
    noisiestTable(run),
    sparklines(run, options.samples ?? [], window, bands),
    '</article>',
  ].join('\n');
}

/** Renders the whole report as one HTML string. */
export function renderReport(doc: ResultDocument, options: ReportOptions = {}): string {
  const title = options.title ?? 'alertcraft replay report';
  const runs = doc.runs;
  const verdicts = runs.map(runVerdict);
  const passing = verdicts.filter((v) => v.pass).length;
  const packs = [...new Set(runs.map((r) => r.pack))];
  const summaryRows = runs.map((r, i) => {
    const v = verdicts[i]!;
    const missed = v.missed.map((m) => `<code>${esc(m.id)}</code> needed ${esc(m.required.join(' or '))}`).join('<br>');
    const over = v.overBudget.map((b) => esc(b.message)).join('<br>');
    return `<tr><td><a href="#${runId(r, i)}">${esc(r.pack)}</a></td><td>${esc(r.phase)}</td><td>${esc(r.scenario)}</td><td>${esc(r.runtime)}</td><td>${badge(v)}</td><td class="num">${v.detected}/${v.required}</td><td class="num">${r.kpis.falsePositives}</td><td class="num">${pct(r.kpis.falsePositiveRate)}</td><td class="num">${num(r.kpis.pagesPerDay)}</td><td class="num">${v.quietViolations}</td><td class="notifications">${notificationCell(options.notifications, r)}</td><td>${missed || '<span class="muted">–</span>'}</td><td>${over || '<span class="muted">–</span>'}</td></tr>`;
  });
  const body = [
    `<header><h1>${esc(title)}</h1>`,
    `<p class="meta">${runs.length} runs over ${packs.length} packs; ${passing} pass.${options.generatedAt ? ` Generated ${esc(options.generatedAt)}.` : ''} Scenarios: ${esc([...new Set(runs.map((r) => r.scenario))].join(', ') || '–')}.</p></header>`,
    '<section id="summary"><h2>Summary</h2>',
    runs.length
      ? `<div class="scroll"><table class="summary"><tr><th>pack</th><th>phase</th><th>scenario</th><th>runtime</th><th>verdict</th><th class="num">caught</th><th class="num">false positives</th><th class="num">false-positive rate</th><th class="num">pages/day</th><th class="num">quiet violations</th><th>notifications per receiver</th><th>missed expectations</th><th>over noise budget</th></tr>${summaryRows.join('')}</table></div>`
      : '<p class="muted">The result holds no runs.</p>',
    '</section>',
  ];
  for (const pack of packs) {
    const packRuns = runs.map((r, i) => ({ r, i })).filter(({ r }) => r.pack === pack);
    body.push(`<section class="pack" id="pack-${esc(pack.replace(/[^A-Za-z0-9_-]/g, '_'))}"><h2>${esc(pack)}</h2>`);
    body.push(
      `<h3>KPIs per phase</h3><div class="scroll"><table class="kpis">${kpiHeader()}${packRuns.map(({ r }) => kpiRow(r)).join('')}</table></div>`,
    );
    for (const c of doc.calibrations ?? []) if (c.pack === pack) body.push(calibrationSection(c));
    for (const v of doc.variants ?? []) if (v.pack === pack) body.push(variantSection(v));
    for (const res of (options.resimulations ?? []).filter((x) => x.pack === pack)) {
      const run = packRuns.find(({ r }) => r.phase === res.phase)?.r;
      const days = run ? (fromRfc3339(run.window.end) - fromRfc3339(run.window.start)) / 86_400_000 : undefined;
      body.push(resimulationSection(res, run?.noise?.budget, days));
    }
    for (const { r, i } of packRuns) body.push(runSection(r, i, options));
    body.push('</section>');
  }
  body.push(dashboardPreviewsHtml(options.dashboards ?? []));
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${TIMELINE_ZOOM_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body>',
    ...body,
    `<script>${TIMELINE_ZOOM_JS}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
