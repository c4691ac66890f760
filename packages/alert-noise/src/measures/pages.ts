/**
 * Pages as the on-call lives them: per day, per night (pages that wake someone), per on-call shift.
 * A page is a firing alert with a paging severity (the KPIs' `pagingSeverities`), counted when it
 * fires. Hours are local to `utcOffsetMinutes` (default UTC).
 */
import type { TimelineAlert } from '@alertcraft/promql';
import type { TimeWindow } from '../kpi/types.js';
import { DEFAULT_PAGING_SEVERITIES } from '../kpi/noise.js';

export interface PageOptions {
  pagingSeverities?: readonly string[];
  /** Night hours [start, end) local time (default 22 → 6). */
  night?: { startHour: number; endHour: number };
  /** Length of an on-call shift in hours (default 12) and the local hour one starts (default 6). */
  shiftHours?: number;
  shiftStartHour?: number;
  /** Local time offset from UTC in minutes (default 0). */
  utcOffsetMinutes?: number;
}

export interface PageLoad {
  pages: number;
  pagesPerDay: number;
  /** Pages that fired in night hours. */
  nightPages: number;
  /** Night pages per night of the window (night hours covered / night length); null when the window holds no night hour. */
  pagesPerNight: number | null;
  /** Mean pages per shift over the shifts the window touches. */
  pagesPerShift: number;
  /** The busiest shift's pages. */
  maxPagesPerShift: number;
  /** Shifts the window touches. */
  shifts: number;
}

const H = 3_600_000;

export function isPage(alert: TimelineAlert, pagingSeverities: readonly string[] = DEFAULT_PAGING_SEVERITIES): boolean {
  return alert.firedAt !== undefined && pagingSeverities.includes(alert.labels.severity ?? '');
}

function localHour(ms: number, offsetMs: number): number {
  return ((((ms + offsetMs) % (24 * H)) + 24 * H) % (24 * H)) / H;
}

function inNight(hour: number, startHour: number, endHour: number): boolean {
  return startHour <= endHour ? hour >= startHour && hour < endHour : hour >= startHour || hour < endHour;
}

/** Milliseconds of night hours inside the window (walked hour by hour from the window start). */
function nightMs(window: TimeWindow, startHour: number, endHour: number, offsetMs: number): number {
  let ms = 0;
  for (let t = window.start; t < window.end; ) {
    const next = Math.min(window.end, t + H - ((((t + offsetMs) % H) + H) % H));
    if (inNight(localHour(t, offsetMs), startHour, endHour)) ms += next - t;
    t = next;
  }
  return ms;
}

export function pageLoad(firing: readonly TimelineAlert[], window: TimeWindow, options: PageOptions = {}): PageLoad {
  const offsetMs = (options.utcOffsetMinutes ?? 0) * 60_000;
  const { startHour, endHour } = options.night ?? { startHour: 22, endHour: 6 };
  const shiftMs = (options.shiftHours ?? 12) * H;
  const shiftStart = (options.shiftStartHour ?? 6) * H;
  const pages = firing.filter(
    (a) => isPage(a, options.pagingSeverities) && a.firedAt! >= window.start && a.firedAt! < window.end,
  );
  const days = (window.end - window.start) / (24 * H);
  const nightLen = ((endHour - startHour + 24) % 24 || 24) * H;
  const nightCovered = nightMs(window, startHour, endHour, offsetMs);
  const nightPages = pages.filter((a) => inNight(localHour(a.firedAt!, offsetMs), startHour, endHour)).length;
  // Shift index of a time: shifts start at shiftStart local time, every shiftMs.
  const shiftOf = (ms: number) => Math.floor((ms + offsetMs - shiftStart) / shiftMs);
  const first = shiftOf(window.start);
  const shifts = window.end > window.start ? shiftOf(window.end - 1) - first + 1 : 0;
  const perShift = new Map<number, number>();
  for (const a of pages) perShift.set(shiftOf(a.firedAt!), (perShift.get(shiftOf(a.firedAt!)) ?? 0) + 1);
  return {
    pages: pages.length,
    pagesPerDay: days > 0 ? pages.length / days : 0,
    nightPages,
    pagesPerNight: nightCovered > 0 ? nightPages / (nightCovered / nightLen) : null,
    pagesPerShift: shifts > 0 ? pages.length / shifts : 0,
    maxPagesPerShift: Math.max(0, ...perShift.values()),
    shifts,
  };
}
