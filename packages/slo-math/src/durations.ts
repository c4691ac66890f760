import { formatDuration, tryParseDuration } from '@alertcraft/promql';
import { SloInputError } from './errors.js';

/** A positive Prometheus duration (`30d`, `1h30m`) in ms, or an `SloInputError` naming `field`. */
export function positiveDuration(field: string, text: unknown): number {
  if (typeof text !== 'string')
    throw new SloInputError(field, `expected a duration string like 30d, got ${describe(text)}`);
  const ms = tryParseDuration(text);
  if (ms === undefined) {
    throw new SloInputError(
      field,
      `${JSON.stringify(text)} is not a duration; expected a Prometheus duration like 7d, 28d, 30d`,
      { code: 'slo/invalid-duration' },
    );
  }
  if (ms <= 0)
    throw new SloInputError(field, `the duration must be positive, got ${JSON.stringify(text)}`, {
      code: 'slo/invalid-duration',
    });
  return ms;
}

/** Prometheus duration text of `ms` (rounded to whole ms). */
export function durationText(ms: number): string {
  return formatDuration(Math.round(ms));
}

/** A human reading of a duration: `51.84s`, `4m56s`, `1.5h`, `2d`. */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? 'never' : String(ms);
  const s = ms / 1000;
  if (s < 60) return `${Number(s.toFixed(2))}s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = Number((s - m * 60).toFixed(1));
    return rest ? `${m}m${rest}s` : `${m}m`;
  }
  if (s < 86400) return `${Number((s / 3600).toFixed(2))}h`;
  return `${Number((s / 86400).toFixed(2))}d`;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  return Array.isArray(v) ? 'a list' : typeof v;
}
