/**
 * Inline SVG pieces of the report: the alert timeline of a run over its ground-truth incident
 * windows, and metric sparklines. Pure string building; every text is escaped.
 */
import { esc } from './escape.js';
import { utc } from './format.js';
import { PLOT_UNITS } from './timeline-zoom.js';

export interface Span {
  start: number;
  end: number;
}

export interface TimelineRow {
  label: string;
  pending: Span[];
  firing: Span[];
}

export interface TimelineBand extends Span {
  label: string;
  /** `incident`: must be caught; `quiet`: must stay quiet; `other`: another pack's concern. */
  role: 'incident' | 'quiet' | 'other';
}

const LABEL_W = 280;
const ROW_H = 18;
const AXIS_H = 22;
const BAND_H = 16;

/**
 * The `points` attribute of each polyline drawing `pts` through the scales `x` and `y`: one per run
 * of finite values, so a NaN or missing stretch leaves a gap instead of a line across it.
 */
export function polylinePoints(
  pts: readonly (readonly [number, number])[],
  x: (t: number) => number,
  y: (v: number) => number,
): string[] {
  const lines: string[] = [];
  let seg: string[] = [];
  for (const [t, v] of pts) {
    if (!Number.isFinite(v)) {
      if (seg.length) lines.push(seg.join(' '));
      seg = [];
      continue;
    }
    seg.push(`${x(t).toFixed(1)},${y(v).toFixed(1)}`);
  }
  if (seg.length) lines.push(seg.join(' '));
  return lines;
}

function ticks(start: number, end: number): { t: number; label: string }[] {
  const span = end - start;
  const H = 3_600_000;
  const steps = [5 * 60_000, 15 * 60_000, 30 * 60_000, H, 2 * H, 3 * H, 6 * H, 12 * H, 24 * H, 48 * H];
  const step = steps.find((s) => span / s <= 10) ?? 7 * 24 * H;
  const out: { t: number; label: string }[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
    const u = utc(t);
    out.push({ t, label: step >= 24 * H ? u.slice(5, 10) : span > 24 * H ? u.slice(5) : u.slice(11) });
  }
  return out;
}

/**
 * The zoomable timeline (HTML + SVG): a fixed label column, and a plot SVG that fills the page
 * width (viewBox in `PLOT_UNITS` over the window, preserveAspectRatio none) with a band row of
 * incidents and one row per alert with pending/firing spans. Tick labels are HTML placed by
 * percentage so they stay legible; the inline zoom script (timeline-zoom.ts) rewrites them and the
 * viewBox. Without script the full window shows, ticks included.
 */
export function timelineSvg(
  rows: readonly TimelineRow[],
  bands: readonly TimelineBand[],
  window: Span,
  id = 'timeline',
): string {
  const plotW = PLOT_UNITS;
  const x = (t: number) =>
    ((Math.min(Math.max(t, window.start), window.end) - window.start) / Math.max(1, window.end - window.start)) * plotW;
  const height = AXIS_H + BAND_H + 4 + Math.max(1, rows.length) * ROW_H + 4;
  const parts: string[] = [];
  const labels: string[] = [
    `<svg class="tl-labels" xmlns="http://www.w3.org/2000/svg" width="${LABEL_W}" height="${height}" viewBox="0 0 ${LABEL_W} ${height}">`,
    `<text class="row-label" x="4" y="${AXIS_H + BAND_H - 4}">ground truth</text>`,
  ];
  parts.push(
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="100%" height="${height}" viewBox="0 0 ${plotW} ${height}" preserveAspectRatio="none" role="img" aria-label="alert timeline">`,
  );
  // Incident windows as full-height bands.
  for (const b of bands) {
    const x0 = x(b.start);
    const w = Math.max(0.05, x(b.end) - x0);
    parts.push(
      `<rect class="band band-${b.role}" x="${x0.toFixed(3)}" y="${AXIS_H}" width="${w.toFixed(3)}" height="${height - AXIS_H}"><title>${esc(b.label)}</title></rect>`,
    );
  }
  const tks = ticks(window.start, window.end);
  for (const tk of tks) {
    const tx = x(tk.t).toFixed(3);
    parts.push(
      `<line class="tick" x1="${tx}" y1="${AXIS_H - 4}" x2="${tx}" y2="${height}" vector-effect="non-scaling-stroke"/>`,
    );
  }
  for (const b of bands) {
    const x0 = x(b.start);
    parts.push(
      `<rect class="gt gt-${b.role}" x="${x0.toFixed(3)}" y="${AXIS_H + 2}" width="${Math.max(0.05, x(b.end) - x0).toFixed(3)}" height="${BAND_H - 4}"><title>${esc(b.label)}</title></rect>`,
    );
  }
  if (rows.length === 0) {
    labels.push(`<text class="row-label" x="4" y="${AXIS_H + BAND_H + ROW_H}">no alert became active</text>`);
  }
  rows.forEach((row, i) => {
    const y = AXIS_H + BAND_H + 4 + i * ROW_H;
    labels.push(
      `<text class="row-label" x="4" y="${y + ROW_H - 5}">${esc(row.label.length > 44 ? `${row.label.slice(0, 43)}…` : row.label)}<title>${esc(row.label)}</title></text>`,
    );
    for (const s of row.pending) {
      const x0 = x(s.start);
      parts.push(
        `<rect class="pending" x="${x0.toFixed(3)}" y="${y + 3}" width="${Math.max(0.05, x(s.end) - x0).toFixed(3)}" height="${ROW_H - 6}"><title>pending ${esc(utc(s.start))} → ${esc(utc(s.end))}</title></rect>`,
      );
    }
    for (const s of row.firing) {
      const x0 = x(s.start);
      parts.push(
        `<rect class="firing" x="${x0.toFixed(3)}" y="${y + 3}" width="${Math.max(0.05, x(s.end) - x0).toFixed(3)}" height="${ROW_H - 6}"><title>firing ${esc(utc(s.start))} → ${esc(utc(s.end))}</title></rect>`,
      );
    }
  });
  parts.push('</svg>');
  labels.push('</svg>');
  const span = Math.max(1, window.end - window.start);
  const axis = tks
    .map((tk) => `<span style="left:${(((tk.t - window.start) / span) * 100).toFixed(2)}%">${esc(tk.label)}</span>`)
    .join('');
  return [
    `<div class="tl" id="${esc(id)}" data-start="${window.start}" data-end="${window.end}">`,
    '<div class="tl-controls"><button type="button" data-zoom="in">zoom in</button><button type="button" data-zoom="out">zoom out</button><button type="button" data-zoom="reset">whole window</button> ',
    `<span class="tl-range">${esc(utc(window.start))} → ${esc(utc(window.end))} UTC</span> <span class="muted">(wheel to zoom, drag across the plot to select)</span></div>`,
    `<div class="tl-body">${labels.join('')}<div class="tl-plotwrap"><div class="tl-axis">${axis}</div><div class="tl-select"></div>${parts.join('')}</div></div>`,
    '</div>',
  ].join('');
}

/**
 * A sparkline of (t, v) over the window, at most `maxPoints` points (min/max per bucket so spikes
 * survive); NaN values break the line; incident bands shaded behind.
 */
export function sparklineSvg(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  window: Span,
  bands: readonly TimelineBand[] = [],
  width = 320,
  height = 48,
  maxPoints = 400,
): string {
  const pts: [number, number][] = [];
  const n = Math.min(timestamps.length, values.length);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const bucketMs = Math.max(1, (window.end - window.start) / buckets);
  let cur = -1;
  let lo: [number, number] | undefined;
  let hi: [number, number] | undefined;
  const push = () => {
    if (lo && hi) {
      const first = lo[0] <= hi[0] ? lo : hi;
      const second = first === lo ? hi : lo;
      pts.push(first);
      if (second !== first) pts.push(second);
    }
    lo = hi = undefined;
  };
  for (let i = 0; i < n; i++) {
    const t = timestamps[i]!;
    const v = values[i]!;
    if (t < window.start || t > window.end) continue;
    if (!Number.isFinite(v)) {
      push();
      pts.push([t, NaN]);
      continue;
    }
    const b = Math.floor((t - window.start) / bucketMs);
    if (b !== cur) {
      push();
      cur = b;
    }
    if (!lo || v < lo[1]) lo = [t, v];
    if (!hi || v > hi[1]) hi = [t, v];
  }
  push();
  const finite = pts.filter((p) => Number.isFinite(p[1])).map((p) => p[1]);
  const min = finite.length ? Math.min(...finite) : 0;
  const max = finite.length ? Math.max(...finite) : 1;
  const pad = 3;
  const x = (t: number) => pad + ((t - window.start) / Math.max(1, window.end - window.start)) * (width - 2 * pad);
  const y = (v: number) => height - pad - (max === min ? 0.5 : (v - min) / (max - min)) * (height - 2 * pad);
  const lines = polylinePoints(pts, x, y);
  const parts = [
    `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="metric sparkline">`,
  ];
  for (const b of bands) {
    const x0 = x(Math.max(b.start, window.start));
    const x1 = x(Math.min(b.end, window.end));
    if (x1 > x0)
      parts.push(
        `<rect class="band band-${b.role}" x="${x0.toFixed(1)}" y="0" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${height}"/>`,
      );
  }
  for (const l of lines) parts.push(`<polyline class="spark" points="${l}"/>`);
  if (!finite.length)
    parts.push(`<text class="tick-label" x="${width / 2}" y="${height / 2}" text-anchor="middle">no samples</text>`);
  parts.push('</svg>');
  return parts.join('');
}
