/** A subset of Go's `fmt.Sprintf` verbs: %v %s %q %d %f %e %g %x %X %t %%, with flags, width and precision. */
import { formatFloat, goQuote } from './go-format.js';
import { goTypeName, printValue } from './values.js';

function pad(s: string, width: number | undefined, flags: string): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (flags.includes('0') && /^[+-]?[0-9.]/.test(s) && !/(Inf|NaN)$/.test(s)) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    const body = sign ? s.slice(1) : s;
    return sign + '0'.repeat(width - s.length) + body;
  }
  return ' '.repeat(width - s.length) + s;
}

function bad(verb: string, v: unknown): string {
  return `%!${verb}(${goTypeName(v)}=${printValue(v)})`;
}

export function goSprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = format.slice(i + 1).match(/^([-+# 0]*)([0-9]+)?(?:\.([0-9]*))?([a-zA-Z%])/);
    if (!m) {
      out += '%!(NOVERB)';
      break;
    }
    i += m[0].length;
    const flags = m[1] ?? '';
    const width = m[2] !== undefined ? Number(m[2]) : undefined;
    const prec = m[3] !== undefined ? (m[3] === '' ? 0 : Number(m[3])) : undefined;
    const verb = m[4]!;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[argi++];
    let s: string;
    const plus = flags.includes('+');
    const withSign = (str: string, neg: boolean) =>
      neg ? str : plus ? `+${str}` : flags.includes(' ') ? ` ${str}` : str;
    switch (verb) {
      case 'v':
      case 's':
        if (verb === 's' && typeof a === 'number') s = bad(verb, a);
        else s = printValue(a);
        if (prec !== undefined && typeof a === 'string') s = [...s].slice(0, prec).join('');
        break;
      case 'q':
        s = typeof a === 'string' ? goQuote(a) : bad(verb, a);
        break;
      case 't':
        s = typeof a === 'boolean' ? String(a) : bad(verb, a);
        break;
      case 'd':
        s = typeof a === 'bigint' ? withSign(a.toString(), a < 0n) : bad(verb, a);
        break;
      case 'x':
      case 'X':
        if (typeof a === 'bigint') s = (a < 0n ? '-' : '') + (a < 0n ? -a : a).toString(16);
        else if (typeof a === 'string') s = Buffer.from(a, 'utf8').toString('hex');
        else s = bad(verb, a);
        if (verb === 'X') s = s.toUpperCase();
        break;
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        if (typeof a !== 'number') {
          s = bad(verb, a);
          break;
        }
        const lower = verb.toLowerCase() as 'f' | 'e' | 'g';
        const p = prec ?? (lower === 'g' ? -1 : 6);
        s = formatFloat(a, lower, p);
        if (Number.isFinite(a) || Number.isNaN(a)) s = withSign(s, s.startsWith('-'));
        else if (a === Infinity && !plus) s = '+Inf';
        if (verb === 'E' || verb === 'G') s = s.toUpperCase();
        break;
      }
      default:
        s = bad(verb, a);
    }
    out += pad(s, width, flags);
  }
  if (argi < args.length)
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => `${goTypeName(a)}=${printValue(a)}`)
      .join(', ')})`;
  return out;
}
