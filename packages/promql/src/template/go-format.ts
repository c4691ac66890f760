/**
 * Go's number and string formatting (strconv/fmt) as Prometheus templates and promtool output
 * show them: `%v` of a float64, `%.4g`, `%.2f`, `%e`, `strconv.Quote`, `time.Time.String`
 * (`time.Duration.String` is `goDurationString` in `../duration.ts`).
 * Rounding follows Go: the exact binary value is rounded, ties (exact halves) to even.
 */

/** Exact decimal expansion of a finite, non-negative double: digits (no leading zeros) and the decimal point position. */
function exactDecimal(v: number): { digits: string; dp: number } {
  if (v === 0) return { digits: '', dp: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, v);
  const bits = buf.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  digits = digits.replace(/0+$/, '');
  return { digits, dp };
}

/** Shortest round-trip digits (what Go's precision -1 gives), from JS's own shortest repr. */
function shortestDecimal(v: number): { digits: string; dp: number } {
  if (v === 0) return { digits: '', dp: 0 };
  const s = v.toExponential(); // d.ddde±x, shortest round-trip digits
  const [mant, e] = s.split('e') as [string, string];
  const digits = mant.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(e) + 1 };
}

/** Round decimal digits to `nd` digits (nd may be <= 0), ties to even on exact halves. */
function roundDigits(d: { digits: string; dp: number }, nd: number): { digits: string; dp: number } {
  const { digits } = d;
  let { dp } = d;
  if (nd < 0) return { digits: '', dp };
  if (nd >= digits.length) return { digits, dp };
  let up: boolean;
  const next = digits.charCodeAt(nd) - 48;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (nd + 1 < digits.length)
    up = true; // more non-zero digits follow (trailing zeros trimmed)
  else up = nd > 0 && (digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  let kept = digits.slice(0, nd);
  if (up) {
    const arr = kept.split('').map((c) => c.charCodeAt(0) - 48);
    let i = arr.length - 1;
    while (i >= 0) {
      if (arr[i]! < 9) {
        arr[i]!++;
        break;
      }
      arr[i] = 0;
      i--;
    }
    if (i < 0) {
      arr.unshift(1);
      dp++;
    }
    kept = arr.join('');
  }
  return { digits: kept.replace(/0+$/, ''), dp };
}

function digitAt(d: { digits: string }, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i]! : '0';
}

function fmtE(d: { digits: string; dp: number }, prec: number, shortest: boolean): string {
  const nd = shortest ? Math.max(d.digits.length, 1) : prec + 1;
  let s = digitAt(d, 0);
  const frac = nd - 1;
  if (frac > 0) {
    s += '.';
    for (let i = 1; i <= frac; i++) s += digitAt(d, i);
  }
  let exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return `${s}e${sign}${exp < 10 ? '0' : ''}${exp}`;
}

function fmtF(d: { digits: string; dp: number }, prec: number): string {
  let s = '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) s += digitAt(d, i);
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(d, d.dp + i);
  }
  return s;
}

/** Go `strconv.FormatFloat(v, fmt, prec, 64)` for fmt in e, f, g (prec -1 = shortest). */
export function formatFloat(v: number, fmt: 'e' | 'f' | 'g', prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  const shortest = prec < 0;
  let d: { digits: string; dp: number };
  if (shortest) d = shortestDecimal(abs);
  else {
    const exact = exactDecimal(abs);
    if (fmt === 'e') d = roundDigits(exact, prec + 1);
    else if (fmt === 'f') d = roundDigits(exact, exact.dp + prec);
    else d = roundDigits(exact, prec === 0 ? 1 : prec);
  }
  let out: string;
  if (fmt === 'e') out = fmtE(d, prec, shortest);
  else if (fmt === 'f') out = fmtF(d, shortest ? Math.max(d.digits.length - d.dp, 0) : prec);
  else {
    const p = shortest ? d.digits.length : prec === 0 ? 1 : prec;
    let eprec = p;
    if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
    if (shortest) eprec = 6;
    const exp = d.dp - 1;
    if (d.digits.length !== 0 && (exp < -4 || exp >= eprec))
      out = fmtE(d, Math.max(Math.min(p, d.digits.length) - 1, 0), false);
    else out = fmtF(d, Math.max(d.digits.length - d.dp, 0));
  }
  return (neg ? '-' : '') + out;
}

/** Go `fmt.Sprint(float64)` / `%v`: shortest `%g` with Go's exponent thresholds. */
export function formatGoFloat(v: number): string {
  return formatFloat(v, 'g', -1);
}

/** Go `strconv.Quote`. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0xfeff || (c >= 0x2028 && c <= 0x2029))
      out += c <= 0xffff ? `\\u${c.toString(16).padStart(4, '0')}` : `\\U${c.toString(16).padStart(8, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go `time.Time.String()` of a UTC instant in ms: `2015-06-23 13:19:44.128 +0000 UTC`. */
export function goTimeString(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  let frac = '';
  const msPart = ((ms % 1000) + 1000) % 1000;
  if (msPart !== 0) frac = `.${pad(msPart, 3).replace(/0+$/, '')}`;
  const year = d.getUTCFullYear();
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac} +0000 UTC`;
}
