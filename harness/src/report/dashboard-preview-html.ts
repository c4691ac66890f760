/**
 * HTML of the dashboard previews (inline SVG, no script): per dashboard a grid of panels, drawn by
 * type: time series as lines, stat as the last value coloured by its thresholds, gauge as the last
 * value on a bar between min and max, table (and bar gauge, pie chart) as the last value per series,
 * heatmap as series × time cells. A flagged panel (failing query, no data) says why, in red.
 */
import type { DashboardPreview, PanelPreview, PreviewSeries } from './dashboard-preview.js';
import { flaggedPanels } from './dashboard-preview.js';
import { esc } from './escape.js';
import { num, utc } from './format.js';

const W = 360;
const H = 120;
const PALETTE = ['#1971c2', '#e8590c', '#2b8a3e', '#ae3ec9', '#f08c00', '#0c8599', '#c2255c', '#5c940d'];
const NAMED: Record<string, string> = {
  green: '#2b8a3e',
  red: '#c92a2a',
  yellow: '#f08c00',
  orange: '#e8590c',
  blue: '#1971c2',
  purple: '#ae3ec9',
};

export const PREVIEW_CSS = `
.dash-previews .panels { display: flex; flex-wrap: wrap; gap: 12px; }
.panel-preview { border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; width: ${W + 18}px; }
.panel-preview h5 { margin: 0 0 4px; font-size: 13px; }
.panel-preview.flagged { border-color: var(--fail); }
.panel-preview .flag { color: var(--fail); font-weight: 600; }
.panel-preview .stat-value { font-size: 28px; font-weight: 700; }
.panel-preview table { font-size: 12px; }
`;

function color(c: string): string {
  return NAMED[c] ?? (/^#[0-9a-fA-F]{3,8}$/.test(c) ? c : '#5c6670');
}

function lastFinite(s: PreviewSeries): number | null {
  for (let i = s.values.length - 1; i >= 0; i--) if (Number.isFinite(s.values[i]!)) return s.values[i]!;
  return null;
}

function thresholdColor(p: PanelPreview, v: number): string {
  let c = p.thresholds[0]?.color ?? 'green';
  for (const s of p.thresholds) if (s.value !== null && v >= s.value) c = s.color;
  return color(c);
}

function valueText(p: PanelPreview, v: number | null): string {
  if (v === null) return '–';
  const unit =
    p.unit === 'percent' ? ' %' : p.unit === 'percentunit' ? '' : p.unit && p.unit !== 'none' ? ` ${p.unit}` : '';
  return p.unit === 'percentunit' ? `${num(v * 100, 1)} %` : `${num(v, Math.abs(v) < 10 ? 3 : 1)}${unit}`;
}

function extent(series: readonly PreviewSeries[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series)
    for (const v of s.values)
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  if (!Number.isFinite(lo)) return [0, 1];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

function lines(p: PanelPreview, window: { start: number; end: number }): string {
  const [lo, hi] = extent(p.series);
  const x = (t: number) => ((t - window.start) / Math.max(1, window.end - window.start)) * W;
  const y = (v: number) => H - 14 - ((v - lo) / (hi - lo)) * (H - 20);
  const paths = p.series.slice(0, 8).flatMap((s, i) => {
    const parts: string[][] = [[]];
    for (let k = 0; k < s.values.length; k++) {
      const v = s.values[k]!;
      if (!Number.isFinite(v)) {
        if (parts[parts.length - 1]!.length) parts.push([]);
        continue;
      }
      parts[parts.length - 1]!.push(`${x(s.timestamps[k]!).toFixed(1)},${y(v).toFixed(1)}`);
    }
    return parts
      .filter((pts) => pts.length)
      .map(
        (pts) =>
          `<polyline class="preview-line" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="1.3" points="${pts.join(' ')}"/>`,
      );
  });
  return `<svg class="preview timeseries" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img"><title>${esc(p.title)}</title>${paths.join('')}<text class="tick-label" x="0" y="${H - 2}">${esc(num(lo, 3))} … ${esc(num(hi, 3))}</text><text class="tick-label" x="${W}" y="${H - 2}" text-anchor="end">${esc(utc(window.end))}</text></svg>`;
}

function gaugeSvg(p: PanelPreview, v: number | null): string {
  const min = p.min ?? 0;
  const max = p.max ?? (p.unit === 'percent' ? 100 : p.unit === 'percentunit' ? 1 : Math.max(1, (v ?? 0) * 1.25));
  const f = v === null ? 0 : Math.max(0, Math.min(1, (v - min) / (max - min || 1)));
  const fill = v === null ? '#adb5bd' : thresholdColor(p, v);
  return `<svg class="preview gauge" width="${W}" height="40" viewBox="0 0 ${W} 40" role="img"><title>${esc(p.title)}</title><rect x="0" y="8" width="${W}" height="16" fill="#e9ecef"/><rect class="gauge-fill" x="0" y="8" width="${(f * W).toFixed(1)}" height="16" fill="${fill}"/><text class="tick-label" x="0" y="38">${esc(num(min))}</text><text class="tick-label" x="${W}" y="38" text-anchor="end">${esc(num(max))}</text></svg>`;
}

function heatmapSvg(p: PanelPreview, window: { start: number; end: number }): string {
  const rows = [...p.series].sort((a, b) => Number(a.labels.le ?? 0) - Number(b.labels.le ?? 0)).slice(0, 30);
  const cols = 60;
  const cellW = W / cols;
  const cellH = (H - 14) / Math.max(1, rows.length);
  const grid = rows.map(() => new Float64Array(cols).fill(Number.NaN));
  rows.forEach((s, r) => {
    for (let k = 0; k < s.values.length; k++) {
      const c = Math.min(
        cols - 1,
        Math.floor(((s.timestamps[k]! - window.start) / Math.max(1, window.end - window.start)) * cols),
      );
      const v = s.values[k]!;
      if (Number.isFinite(v)) grid[r]![c] = Math.max(Number.isNaN(grid[r]![c]!) ? v : grid[r]![c]!, v);
    }
  });
  const [lo, hi] = extent(rows);
  const cells: string[] = [];
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < cols; c++) {
      const v = grid[r]![c]!;
      if (!Number.isFinite(v)) continue;
      const o = 0.08 + 0.92 * ((v - lo) / (hi - lo));
      cells.push(
        `<rect class="heat-cell" x="${(c * cellW).toFixed(1)}" y="${((rows.length - 1 - r) * cellH).toFixed(1)}" width="${cellW.toFixed(1)}" height="${cellH.toFixed(1)}" fill="#e8590c" fill-opacity="${o.toFixed(2)}"/>`,
      );
    }
  }
  return `<svg class="preview heatmap" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img"><title>${esc(p.title)}</title>${cells.join('')}<text class="tick-label" x="0" y="${H - 2}">${rows.length} buckets, ${esc(num(lo, 3))} … ${esc(num(hi, 3))}</text></svg>`;
}

function lastValueTable(p: PanelPreview): string {
  const rows = p.series
    .slice(0, 20)
    .map(
      (s) => `<tr><td><code>${esc(s.label)}</code></td><td class="num">${esc(valueText(p, lastFinite(s)))}</td></tr>`,
    );
  const more = p.series.length > 20 ? `<p class="muted">${p.series.length - 20} more series.</p>` : '';
  return `<table class="preview-table"><tr><th>series</th><th class="num">last</th></tr>${rows.join('')}</table>${more}`;
}

function panelBody(p: PanelPreview, window: { start: number; end: number }): string {
  if (p.status === 'error' || p.status === 'empty') return `<p class="flag">⚠ ${esc(p.message ?? p.status)}</p>`;
  if (p.status === 'skipped') return `<p class="muted">${esc(p.message ?? 'not previewed')}</p>`;
  const v = p.series.length ? lastFinite(p.series[0]!) : null;
  switch (p.type) {
    case 'timeseries':
      return lines(p, window);
    case 'stat':
      return `<div class="stat-value" style="color:${v === null ? '#5c6670' : thresholdColor(p, v)}">${esc(valueText(p, v))}</div>${lines(p, window)}`;
    case 'gauge':
      return `<div class="stat-value" style="color:${v === null ? '#5c6670' : thresholdColor(p, v)}">${esc(valueText(p, v))}</div>${gaugeSvg(p, v)}`;
    case 'heatmap':
      return heatmapSvg(p, window);
    default:
      return lastValueTable(p);
  }
}

function panelHtml(p: PanelPreview, window: { start: number; end: number }): string {
  const flagged = p.status === 'error' || p.status === 'empty';
  const queries = p.queries.map((q) => `<code>${esc(q)}</code>`).join('<br>');
  return `<div class="panel-preview ${esc(p.type)}${flagged ? ' flagged' : ''}" data-status="${p.status}"><h5>${esc(p.title)} <span class="muted">(${esc(p.type)})</span></h5>${panelBody(p, window)}${queries ? `<p class="muted">${queries}</p>` : ''}</div>`;
}

/** The previews section of the report ('' when there are none). */
export function dashboardPreviewsHtml(previews: readonly DashboardPreview[]): string {
  if (!previews.length) return '';
  const parts = previews.map((d) => {
    const flagged = flaggedPanels(d);
    const note = flagged.length
      ? `<p class="miss">${flagged.length} of ${d.panels.length} panels flagged: ${flagged.map((p) => esc(p.title)).join(', ')}.</p>`
      : `<p class="ok">All ${d.panels.length} panels have data over the replay.</p>`;
    return `<article class="dash-preview" id="dash-${esc(d.uid.replace(/[^A-Za-z0-9_-]/g, '_'))}"><h3>${esc(d.title)} <code>${esc(d.uid)}</code></h3><p class="meta">Panels evaluated by the embedded engine over ${esc(utc(d.window.start))} → ${esc(utc(d.window.end))} UTC.</p>${note}<div class="panels">${d.panels.map((p) => panelHtml(p, d.window)).join('')}</div></article>`;
  });
  return `<section class="dash-previews" id="dashboards"><h2>Dashboard previews</h2><style>${PREVIEW_CSS}</style>${parts.join('\n')}</section>`;
}
