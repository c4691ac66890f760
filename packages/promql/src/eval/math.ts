/** Numeric helpers with Go/Prometheus semantics. */

/** Kahan-Babuska summation step (Prometheus `kahanSumInc`): returns [sum, compensation]. */
export function kahanSumInc(inc: number, sum: number, c: number, out: Float64Array): void {
  const t = sum + inc;
  if (t === Infinity || t === -Infinity) c = 0;
  else if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  out[0] = t;
  out[1] = c;
}

/** Go's math.Pow special cases that differ from JS `**`. */
export function goPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 1) return 1;
  if (Number.isNaN(y) || Number.isNaN(x)) return NaN;
  if ((y === Infinity || y === -Infinity) && x === -1) return 1;
  return x ** y;
}

/** Go's math.Mod (sign of the dividend, NaN for Inf dividend or 0 divisor). */
export function goMod(x: number, y: number): number {
  return x % y;
}

/** Prometheus util/almost.Equal. */
export function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const minNormal = 2.2250738585072014e-308;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < minNormal) return diff < epsilon * minNormal;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/** strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never exponent notation. */
export function formatFloatPlain(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const s = String(f);
  if (!/e/i.test(s)) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1]!;
  const digits = m[2]! + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp >= 0) {
    const intLen = 1 + exp;
    if (digits.length <= intLen) return sign + digits + '0'.repeat(intLen - digits.length);
    return `${sign + digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** strconv.FormatFloat(f, 'g', -1, 64)-like formatting used in messages (Prometheus value strings). */
export function formatValue(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  return String(f);
}

/** Parses a float like Go's strconv.ParseFloat (accepts Inf/NaN spellings); undefined when invalid. */
export function parseGoFloat(s: string): number | undefined {
  const t = s.trim();
  if (t !== s || t === '') return undefined;
  const l = t.toLowerCase();
  const body = l.replace(/^[+-]/, '');
  const neg = l.startsWith('-');
  if (body === 'inf' || body === 'infinity') return neg ? -Infinity : Infinity;
  if (body === 'nan') return NaN;
  if (/^0x[0-9a-f]*(\.[0-9a-f]*)?(p[+-]?\d+)?$/.test(body)) {
    const mm = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/.exec(body)!;
    const intPart = mm[1] ? parseInt(mm[1], 16) : 0;
    let frac = 0;
    if (mm[2]) for (let i = 0; i < mm[2].length; i++) frac += parseInt(mm[2][i]!, 16) / 16 ** (i + 1);
    const v = (intPart + frac) * 2 ** Number(mm[3] ?? 0);
    return neg ? -v : v;
  }
  if (!/^(?:\d+(?:_\d+)*\.?\d*|\.\d+)(?:e[+-]?\d+)?$/.test(body)) return undefined;
  const v = Number(body.replace(/_/g, ''));
  return neg ? -v : v;
}

/** Go's math.Sinh: exp(|x|)/2 above 21, so it overflows to ±Inf from |x| ≈ 709.78 (JS Math.sinh: ≈ 710.48). */
export function goSinh(v: number): number {
  return Math.abs(v) > 21 ? Math.sign(v) * Math.exp(Math.abs(v)) * 0.5 : Math.sinh(v);
}

/** Go's math.Cosh (see goSinh). */
export function goCosh(v: number): number {
  return Math.abs(v) > 21 ? Math.exp(Math.abs(v)) * 0.5 : Math.cosh(v);
}
