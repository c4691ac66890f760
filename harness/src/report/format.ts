/** Number, duration and time formatting for the report (UTC, deterministic). */

export function pct(v: number | null): string {
  return v === null ? '–' : `${(v * 100).toFixed(1)} %`;
}

export function num(v: number | null, digits = 2): string {
  if (v === null) return '–';
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

/** 95 → "1m 35s", 7200 → "2h 0m". */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** "2025-09-01 06:00" (UTC). */
export function utc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
