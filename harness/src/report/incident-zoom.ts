/**
 * Per incident a zoomed chart: the metric an alert watches over the incident window ± a margin,
 * against the rule's threshold (a dashed line, when known), with the alert's pending and firing
 * spans shaded and the incident window outlined. Pure string building; every text is escaped.
 */
import { esc } from './escape.js';
import { num, utc } from './format.js';
import { polylinePoints, type Span } from './svg.js';

export interface IncidentZoomInput {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
  threshold?: number;
  pending: readonly Span[];
  firing: readonly Span[];
  incident: Span;
  /** What is drawn, e.g. the view window. */
  view: Span;
}

const W = 720;
const H = 140;
const PAD_L = 56;
const PAD_R = 8;
const PAD_T = 8;
const PAD_B = 20;

/** The view an incident is zoomed to: its window ± max(10 min, half its length), clipped to `run`. */
export function zoomWindow(incident: Span, run: Span): Span {
  const margin = Math.max(10 * 60_000, (incident.end - incident.start) / 2);
  return { start: Math.max(run.start, incident.start - margin), end: Math.min(run.end, incident.end + margin) };
}

export function incidentZoomSvg(input: IncidentZoomInput): string {
  const { view } = input;
  const n = Math.min(input.timestamps.length, input.values.length);
  const pts: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const t = input.timestamps[i]!;
    if (t >= view.start && t <= view.end) pts.push([t, input.values[i]!]);
  }
  const finite = pts.map((p) => p[1]).filter((v) => Number.isFinite(v));
  if (input.threshold !== undefined && Number.isFinite(input.threshold)) finite.push(input.threshold);
  let min = finite.length ? Math.min(...finite) : 0;
  let max = finite.length ? Math.max(...finite) : 1;
  if (max === min) {
    min -= 0.5;
    max += 0.5;
  }
  const span = Math.max(1, view.end - view.start);
  const x = (t: number) =>
    PAD_L + ((Math.min(Math.max(t, view.start), view.end) - view.start) / span) * (W - PAD_L - PAD_R);
  const y = (v: number) => PAD_T + (1 - (v - min) / (max - min)) * (H - PAD_T - PAD_B);
  const parts = [
    `<svg class="incident-zoom" xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 ${W} ${H}" style="max-width:${W}px" role="img" aria-label="metric around the incident">`,
  ];
  const shade = (cls: string, s: Span, what: string) => {
    if (s.end < view.start || s.start > view.end) return;
    const x0 = x(s.start);
    parts.push(
      `<rect class="${cls}" x="${x0.toFixed(1)}" y="${PAD_T}" width="${Math.max(1, x(s.end) - x0).toFixed(1)}" height="${H - PAD_T - PAD_B}"><title>${what} ${esc(utc(s.start))} → ${esc(utc(s.end))}</title></rect>`,
    );
  };
  shade('zoom-incident', input.incident, 'incident');
  for (const s of input.pending) shade('zoom-pending', s, 'pending');
  for (const s of input.firing) shade('zoom-firing', s, 'firing');
  const lines = polylinePoints(pts, x, y);
  for (const l of lines) parts.push(`<polyline class="spark" points="${l}"/>`);
  if (input.threshold !== undefined && Number.isFinite(input.threshold)) {
    const ty = y(input.threshold).toFixed(1);
    parts.push(
      `<line class="threshold" x1="${PAD_L}" y1="${ty}" x2="${W - PAD_R}" y2="${ty}"><title>threshold ${esc(num(input.threshold, 4))}</title></line>`,
      `<text class="tick-label" x="${W - PAD_R}" y="${(Number(ty) - 3).toFixed(1)}" text-anchor="end">threshold ${esc(num(input.threshold, 4))}</text>`,
    );
  }
  parts.push(
    `<text class="tick-label" x="${PAD_L - 4}" y="${PAD_T + 9}" text-anchor="end">${esc(num(max, 4))}</text>`,
    `<text class="tick-label" x="${PAD_L - 4}" y="${H - PAD_B}" text-anchor="end">${esc(num(min, 4))}</text>`,
    `<text class="tick-label" x="${PAD_L}" y="${H - 5}">${esc(utc(view.start))}</text>`,
    `<text class="tick-label" x="${W - PAD_R}" y="${H - 5}" text-anchor="end">${esc(utc(view.end))}</text>`,
  );
  if (!pts.some((p) => Number.isFinite(p[1])))
    parts.push(
      `<text class="tick-label" x="${W / 2}" y="${H / 2}" text-anchor="middle">no samples in this window</text>`,
    );
  parts.push('</svg>');
  return parts.join('');
}
