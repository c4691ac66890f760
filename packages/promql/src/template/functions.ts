/**
 * The functions available to alert templates: Go text/template's builtins and the ones
 * Prometheus v2.54.1 adds (humanize*, query helpers, string helpers, links, durations).
 */
import type { TemplateFunc } from './exec.js';
import { formatFloat, formatGoFloat } from './go-format.js';
import { goSprintf } from './printf.js';
import { GoMap, GoTime, goTypeName, isTrue, printValue } from './values.js';
import type { Labels, VectorSample } from '../values.js';
import { parseDuration } from '../duration.js';

/** Runs a PromQL instant query for the `query` template function; returns a vector (a scalar becomes one unlabelled sample). */
export type TemplateQueryFunc = (expr: string, timeMs: number) => VectorSample[];

export interface TemplateFuncContext {
  /** Evaluation timestamp in ms (the time `query` runs at). */
  timeMs: number;
  query?: TemplateQueryFunc;
  /** --web.external-url; used by pathPrefix/externalURL/graphLink. */
  externalURL?: string;
}

/** A query result element as templates see it: `.Labels` (with `__name__`) and `.Value`. */
export interface TemplateSample {
  Labels: GoMap;
  Value: number;
}

export function labelsToGoMap(labels: Labels | undefined): GoMap {
  return new GoMap(Object.entries(labels ?? {}));
}

/** Go strconv.ParseFloat, as far as template inputs need it. */
export function goParseFloat(s: string): number {
  const t = s.replace(/^[+]/, '');
  if (/^[-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (/^-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) return Number(t);
  if (/^-?0[xX][0-9a-fA-F]+$/.test(t)) return Number(t.replace(/^(-?)/, '$1'));
  throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
}

export function toFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return goParseFloat(v);
  throw new Error(`can't convert ${goTypeName(v)} to float`);
}

function humanize(i: unknown): string {
  let v = toFloat(i);
  if (v === 0 || !Number.isFinite(v)) return formatFloat(v, 'g', 4);
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return formatFloat(v, 'g', 4) + prefix;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return formatFloat(v, 'g', 4) + prefix;
}

function humanize1024(i: unknown): string {
  let v = toFloat(i);
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return formatFloat(v, 'g', 4);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return formatFloat(v, 'g', 4) + prefix;
}

function humanizeDuration(i: unknown): string {
  let v = toFloat(i);
  if (!Number.isFinite(v)) return formatFloat(v, 'g', 4);
  if (v === 0) return `${formatFloat(v, 'g', 4)}s`;
  if (Math.abs(v) >= 1) {
    let sign = '';
    if (v < 0) {
      sign = '-';
      v = -v;
    }
    const d = Math.trunc(v);
    const seconds = d % 60;
    const minutes = Math.trunc(d / 60) % 60;
    const hours = Math.trunc(d / 3600) % 24;
    const days = Math.trunc(d / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatFloat(v, 'g', 4)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${formatFloat(v, 'g', 4)}${prefix}s`;
}

function floatToTime(v: number): GoTime {
  const ns = v * 1e9;
  if (ns > 9.223372036854776e18 || ns < -9.223372036854776e18)
    throw new Error(`${formatGoFloat(v)} cannot be represented as a nanoseconds timestamp since it overflows int64`);
  // model.TimeFromUnixNano truncates to milliseconds.
  return new GoTime(Math.trunc(Math.trunc(ns) / 1e6));
}

/** Go regexp replacement template: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function goExpand(repl: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    if (repl[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | undefined;
    const braced = repl.slice(i + 1).match(/^\{([A-Za-z0-9_]+)\}/);
    if (braced) {
      name = braced[1];
      i += braced[0].length;
    } else {
      const bare = repl.slice(i + 1).match(/^[A-Za-z0-9_]+/);
      if (bare) {
        name = bare[0];
        i += bare[0].length;
      }
    }
    if (name === undefined) {
      out += '$';
      continue;
    }
    if (/^[0-9]+$/.test(name)) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
  }
  return out;
}

function goRegexp(pattern: string): RegExp {
  // Go RE2 named groups `(?P<name>...)` → JS `(?<name>...)`.
  return new RegExp(pattern.replace(/\(\?P</g, '(?<'), 'gu');
}

function reReplaceAll(pattern: string, repl: string, text: string): string {
  const re = goRegexp(pattern);
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out += text.slice(last, m.index) + goExpand(repl, m);
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  return out + text.slice(last);
}

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = !/[\p{L}\p{N}_]/u.test(prev);
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function splitHostPort(hostPort: string): [string, string] | undefined {
  const m = hostPort.match(/^\[([^\]]*)\]:([^:]*)$/) ?? hostPort.match(/^([^:[\]]*):([^:]*)$/);
  return m ? [m[1]!, m[2]!] : undefined;
}

function isIP(h: string): boolean {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(h) || (h.includes(':') && /^[0-9a-fA-F:.]+$/.test(h));
}

function graphLink(expr: string, tab: number): string {
  return `/graph?g0.expr=${encodeURIComponent(expr).replace(/%20/g, '+')}&g0.tab=${tab}`;
}

function compareBasic(name: string, a: unknown, b: unknown): number {
  const kind = (v: unknown) =>
    typeof v === 'bigint'
      ? 'int'
      : typeof v === 'number'
        ? 'float'
        : typeof v === 'string'
          ? 'string'
          : typeof v === 'boolean'
            ? 'bool'
            : 'other';
  const ka = kind(a);
  const kb = kind(b);
  if (ka === 'other' || kb === 'other') {
    if (name === 'eq' || name === 'ne') {
      if ((a === null || a === undefined) && (b === null || b === undefined)) return 0;
      throw new Error('incompatible types for comparison');
    }
    throw new Error('invalid type for comparison');
  }
  if (ka !== kb) throw new Error('incompatible types for comparison');
  if (ka === 'bool') {
    if (name !== 'eq' && name !== 'ne') throw new Error('invalid type for comparison');
    return a === b ? 0 : 1;
  }
  const x = a as number | bigint | string;
  const y = b as number | bigint | string;
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
}

function goLen(v: unknown): bigint {
  if (typeof v === 'string') return BigInt(Buffer.byteLength(v, 'utf8'));
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof Map) return BigInt(v.size);
  throw new Error(`len of type ${goTypeName(v)}`);
}

function goIndex(item: unknown, ...indexes: unknown[]): unknown {
  let v = item;
  for (const ix of indexes) {
    if (v instanceof Map) {
      if (typeof ix !== 'string') throw new Error(`value has type ${goTypeName(ix)}; should be string`);
      v = v.has(ix) ? v.get(ix) : v instanceof GoMap ? v.zero : undefined;
    } else if (Array.isArray(v) || typeof v === 'string') {
      const n = typeof ix === 'bigint' ? Number(ix) : NaN;
      if (!Number.isInteger(n)) throw new Error(`cannot index slice/array with type ${goTypeName(ix)}`);
      if (n < 0 || n >= (typeof v === 'string' ? Buffer.byteLength(v) : v.length))
        throw new Error(`index out of range: ${n}`);
      v = typeof v === 'string' ? BigInt(Buffer.from(v)[n]!) : v[n];
    } else if (v === null || v === undefined) throw new Error('index of untyped nil');
    else throw new Error(`can't index item of type ${goTypeName(v)}`);
  }
  return v;
}

function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += printValue(a);
  });
  return out;
}

function htmlEscape(s: string): string {
  return s.replace(
    /[<>&'"\0]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c]!,
  );
}

function jsEscape(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Go's JSEscape escapes exactly the control characters
  return s.replace(/[\\'"<>&=\n\r\t]|[\u0000-\u001f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    }
  });
}

/** Builds the function map for one expansion. */
export function templateFunctions(ctx: TemplateFuncContext): Map<string, TemplateFunc> {
  const fns = new Map<string, TemplateFunc>();
  const def = (name: string, fn: TemplateFunc) => fns.set(name, fn);
  // Go builtins
  def('and', () => undefined); // handled lazily by the executor
  def('or', () => undefined);
  def('not', (a) => !isTrue(a));
  def('len', (a) => goLen(a));
  def('index', (item, ...ix) => goIndex(item, ...ix));
  def('print', (...a) => sprint(a));
  def('println', (...a) => `${a.map(printValue).join(' ')}\n`);
  def('printf', (format, ...a) => {
    if (typeof format !== 'string') throw new Error(`wrong type for value; expected string; got ${goTypeName(format)}`);
    return goSprintf(format, a);
  });
  def('eq', (a, ...bs) => {
    if (bs.length === 0) throw new Error('missing argument for comparison');
    return bs.some((b) => compareBasic('eq', a, b) === 0);
  });
  def('ne', (a, b) => compareBasic('ne', a, b) !== 0);
  def('lt', (a, b) => compareBasic('lt', a, b) < 0);
  def('le', (a, b) => compareBasic('le', a, b) <= 0);
  def('gt', (a, b) => compareBasic('gt', a, b) > 0);
  def('ge', (a, b) => compareBasic('ge', a, b) >= 0);
  def('html', (...a) => htmlEscape(sprint(a)));
  def('js', (...a) => jsEscape(sprint(a)));
  def('urlquery', (...a) =>
    encodeURIComponent(sprint(a))
      .replace(/%20/g, '+')
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  );
  def('slice', (item, ...ix) => {
    const n = ix.map((x) => Number(x as bigint));
    if (typeof item === 'string')
      return Buffer.from(item)
        .subarray(n[0] ?? 0, n[1])
        .toString();
    if (Array.isArray(item)) return item.slice(n[0] ?? 0, n[1]);
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  });
  // Prometheus
  def('query', (q) => {
    if (!ctx.query) throw new Error('no query engine available');
    const vec = ctx.query(String(q), ctx.timeMs);
    return vec.map((s): TemplateSample => ({ Labels: labelsToGoMap(s.labels), Value: s.v }));
  });
  def('first', (v) => {
    if (Array.isArray(v) && v.length > 0) return v[0];
    throw new Error('first() called on vector with no elements');
  });
  def('label', (label, s) => {
    if (s === null || s === undefined) throw new Error('nil pointer evaluating sample');
    const labels = (s as TemplateSample).Labels;
    return labels.get(String(label)) ?? '';
  });
  def('value', (s) => {
    if (s === null || s === undefined) throw new Error('nil pointer evaluating sample');
    return (s as TemplateSample).Value;
  });
  def('strvalue', (s) => (s as TemplateSample).Labels.get('__value__') ?? '');
  def(
    'args',
    (...a) =>
      new GoMap(
        a.map((v, i) => [`arg${i}`, v]),
        undefined,
        'map[string]interface {}',
      ),
  );
  def('reReplaceAll', (p, r, t) => reReplaceAll(String(p), String(r), String(t)));
  def('safeHtml', (t) => String(t));
  def('match', (p, s) => goRegexp(String(p)).test(String(s)));
  def('title', (s) => title(String(s)));
  def('toUpper', (s) => String(s).toUpperCase());
  def('toLower', (s) => String(s).toLowerCase());
  def('graphLink', (e) => graphLink(String(e), 0));
  def('tableLink', (e) => graphLink(String(e), 1));
  def('sortByLabel', (label, v) => {
    if (!Array.isArray(v)) throw new Error(`wrong type for value; expected template.queryResult; got ${goTypeName(v)}`);
    const l = String(label);
    return [...(v as TemplateSample[])].sort((a, b) => {
      const x = a.Labels.get(l) ?? '';
      const y = b.Labels.get(l) ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
  });
  def('stripPort', (hp) => {
    const s = String(hp);
    const parts = splitHostPort(s);
    return parts ? parts[0] : s;
  });
  def('stripDomain', (hp) => {
    const s = String(hp);
    const parts = splitHostPort(s);
    const host = parts ? parts[0] : s;
    if (isIP(host)) return s;
    const short = host.split('.')[0]!;
    if (parts && parts[1] !== '') return short.includes(':') ? `[${short}]:${parts[1]}` : `${short}:${parts[1]}`;
    return short;
  });
  def('humanize', humanize);
  def('humanize1024', humanize1024);
  def('humanizeDuration', humanizeDuration);
  def('humanizePercentage', (i) => `${formatFloat(toFloat(i) * 100, 'g', 4)}%`);
  def('humanizeTimestamp', (i) => {
    const v = toFloat(i);
    if (!Number.isFinite(v)) return formatFloat(v, 'g', 4);
    return floatToTime(v).toString();
  });
  def('toTime', (i) => {
    const v = toFloat(i);
    if (!Number.isFinite(v)) throw new Error('value is NaN or Inf');
    return floatToTime(v);
  });
  def('pathPrefix', () => (ctx.externalURL ? new URL(ctx.externalURL).pathname.replace(/^\/$/, '') : ''));
  def('externalURL', () => ctx.externalURL ?? '');
  def('parseDuration', (d) => parseDuration(String(d)) / 1000);
  return fns;
}
