import { formatDuration, isDuration, parseDuration } from '../duration.js';

/** Milliseconds of a Prometheus duration string (`30s`, `1h30m`, `0`), or undefined when it is not one. */
export function parseDurationMs(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  return isDuration(s) ? parseDuration(s) : undefined;
}

/** Shortest Prometheus duration string for a non-negative number of ms (`90000` gives `1m30s`). */
export function formatDurationMs(ms: number): string {
  return formatDuration(Math.max(0, Math.round(ms)));
}
