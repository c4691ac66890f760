import type { Labels } from '@alertcraft/promql';
import { parseSampleValue } from './prom-values.js';

export interface ScrapedSample {
  name: string;
  labels: Labels;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\S+)?\s*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/gy;

function unescape(v: string): string {
  return v.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

/**
 * Parse Prometheus text exposition (what `/metrics` serves) into samples. Comment lines are
 * skipped; a line that does not parse is skipped too (this reads our servers' own metrics, it is
 * not a validator).
 */
export function parseExposition(text: string): ScrapedSample[] {
  const out: ScrapedSample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    if (m[3]) {
      LABEL.lastIndex = 0;
      let lm: RegExpExecArray | null;
      while ((lm = LABEL.exec(m[3])) !== null) labels[lm[1]!] = unescape(lm[2]!);
    }
    out.push({ name: m[1]!, labels, value: parseSampleValue(m[4]!) });
  }
  return out;
}
