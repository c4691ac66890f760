/**
 * Alerts that fire together. Two alert names co-fire when instances of them are firing at the same
 * time; a pair is a duplicate when most of the quieter one's firing time overlaps the other's:
 * the second alert tells the on-call nothing the first did not (the "merge duplicates" candidates).
 */
import type { TimelineAlert } from '@alertcraft/promql';
import type { TimeWindow } from '../kpi/types.js';

export interface CoFiringPair {
  /** The two alert names, `a < b`. */
  a: string;
  b: string;
  /** Instance pairs (one of each name) whose firing spans overlap. */
  overlaps: number;
  /** Seconds both names were firing at once (union of each name's spans, intersected). */
  overlapSeconds: number;
  /** `overlapSeconds` over the firing seconds of the name that fired for less time, 0–1. */
  share: number;
}

export interface CoFiringOptions {
  /** A pair with `share` at or above this is a duplicate (default 0.8). */
  duplicateShare?: number;
}

type Span = [number, number];

/** Firing spans per alert name, clipped to the window, merged where they overlap. */
function spansByName(firing: readonly TimelineAlert[], window: TimeWindow): Map<string, Span[]> {
  const by = new Map<string, Span[]>();
  for (const a of firing) {
    if (a.firedAt === undefined) continue;
    const s = Math.max(a.firedAt, window.start);
    const e = Math.min(a.resolvedAt ?? window.end, window.end);
    if (e <= s) continue;
    const list = by.get(a.alertname) ?? [];
    list.push([s, e]);
    by.set(a.alertname, list);
  }
  for (const [name, list] of by) {
    list.sort((x, y) => x[0] - y[0]);
    const merged: Span[] = [];
    for (const sp of list) {
      const last = merged[merged.length - 1];
      if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
      else merged.push([sp[0], sp[1]]);
    }
    by.set(name, merged);
  }
  return by;
}

function total(spans: readonly Span[]): number {
  return spans.reduce((s, [a, b]) => s + (b - a), 0);
}

function intersection(x: readonly Span[], y: readonly Span[]): number {
  let i = 0;
  let j = 0;
  let ms = 0;
  while (i < x.length && j < y.length) {
    const s = Math.max(x[i]![0], y[j]![0]);
    const e = Math.min(x[i]![1], y[j]![1]);
    if (e > s) ms += e - s;
    if (x[i]![1] < y[j]![1]) i++;
    else j++;
  }
  return ms;
}

/** Every pair of alert names that co-fired in the window, by share then overlap (descending), then names. */
export function coFiring(firing: readonly TimelineAlert[], window: TimeWindow): CoFiringPair[] {
  const spans = spansByName(firing, window);
  const names = [...spans.keys()].sort();
  const out: CoFiringPair[] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i]!;
      const b = names[j]!;
      const both = intersection(spans.get(a)!, spans.get(b)!);
      if (both <= 0) continue;
      let overlaps = 0;
      for (const x of firing)
        for (const y of firing)
          if (x.alertname === a && y.alertname === b && x.firedAt !== undefined && y.firedAt !== undefined) {
            const xe = x.resolvedAt ?? window.end;
            const ye = y.resolvedAt ?? window.end;
            if (x.firedAt < ye && y.firedAt < xe) overlaps++;
          }
      const shorter = Math.min(total(spans.get(a)!), total(spans.get(b)!));
      out.push({ a, b, overlaps, overlapSeconds: both / 1000, share: shorter > 0 ? both / shorter : 0 });
    }
  return out.sort(
    (x, y) =>
      y.share - x.share ||
      y.overlapSeconds - x.overlapSeconds ||
      (x.a + x.b < y.a + y.b ? -1 : x.a + x.b > y.a + y.b ? 1 : 0),
  );
}

/** The co-firing pairs that are duplicates (`share >= duplicateShare`). */
export function duplicatePairs(pairs: readonly CoFiringPair[], options: CoFiringOptions = {}): CoFiringPair[] {
  const min = options.duplicateShare ?? 0.8;
  return pairs.filter((p) => p.share >= min);
}
