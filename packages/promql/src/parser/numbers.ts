/**
 * Number literals with the semantics of Prometheus v2.54.1: `strconv.ParseInt(s, 0, 64)` first
 * (so `0x1F` is hex and `010` is octal), then `strconv.ParseFloat(s, 64)`. Returns the value, or
 * an error message in Go's wording.
 */
const INT64_MAX = 9223372036854775807n;

function lower(c: string): string {
  return c.toLowerCase();
}

/** Go's `underscoreOK`: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]!))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]!) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Go `strconv.ParseInt(s, 0, 64)` for unsigned input; undefined when it fails. */
function parseIntBase0(s: string): number | undefined {
  let base = 10;
  let body = s;
  if (s.length >= 2 && s[0] === '0') {
    const p = lower(s[1]!);
    if (p === 'x') {
      base = 16;
      body = s.slice(2);
    } else if (p === 'o') {
      base = 8;
      body = s.slice(2);
    } else if (p === 'b') {
      base = 2;
      body = s.slice(2);
    } else {
      base = 8;
      body = s.slice(1);
    }
  }
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    body = body.replaceAll('_', '');
  }
  if (body.length === 0) return base === 8 && s === '0' ? 0 : undefined;
  const digits = '0123456789abcdef'.slice(0, base);
  for (const c of body) if (!digits.includes(lower(c))) return undefined;
  if (base === 10 && body.length < 16) return Number(body);
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const big = BigInt(prefix + body);
  if (big > INT64_MAX) return undefined;
  return Number(big);
}

const DECIMAL_FLOAT = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Go `strconv.ParseFloat(s, 64)` for the inputs the lexer can produce. */
function parseFloat64(s: string): { value: number } | { error: string } {
  const l = s.toLowerCase();
  if (l === 'inf' || l === '+inf' || l === 'infinity' || l === '+infinity') return { value: Infinity };
  if (l === '-inf' || l === '-infinity') return { value: -Infinity };
  if (l === 'nan') return { value: NaN };
  let body = s;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return { error: `strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax` };
    body = s.replaceAll('_', '');
  }
  if (!DECIMAL_FLOAT.test(body)) return { error: `strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax` };
  const v = Number(body);
  if (!Number.isFinite(v)) return { error: `strconv.ParseFloat: parsing ${JSON.stringify(s)}: value out of range` };
  return { value: v };
}

export function parseNumber(s: string): { value: number } | { error: string } {
  const i = parseIntBase0(s);
  if (i !== undefined) return { value: i };
  const f = parseFloat64(s);
  if ('error' in f) return { error: `error parsing number: ${f.error}` };
  return f;
}
