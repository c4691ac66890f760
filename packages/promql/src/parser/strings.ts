/**
 * String literal unquoting with Go `strconv.Unquote` semantics as used by Prometheus
 * (`util/strutil.Unquote`: double, single and back-quoted strings; single-quoted strings may hold
 * any number of characters). `\x` and octal escapes denote bytes; the bytes are decoded as UTF-8.
 */
// ignoreBOM: keep a leading U+FEFF (by default the decoder drops it, and "\ufeffa" would lose it).
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Unquotes a PromQL string literal. Lone UTF-16 surrogates (which no UTF-8 file can hold) become
 * U+FFFD, as decoding the file would make them, so every value has a quoted form that parses back.
 */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** `s` with lone surrogates replaced by U+FFFD (String.prototype.toWellFormed). */
export function wellFormed(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(/[\ud800-\udfff]/gu, '\ufffd') : s;
}

export function unquote(s: string): { value: string } | { error: string } {
  const n = s.length;
  if (n < 2) return { error: 'invalid syntax' };
  const quote = s[0]!;
  if (quote !== s[n - 1]) return { error: 'invalid syntax' };
  const body = s.slice(1, n - 1);
  if (quote === '`') {
    if (body.includes('`')) return { error: 'invalid syntax' };
    return { value: wellFormed(body) };
  }
  if (quote !== '"' && quote !== "'") return { error: 'invalid syntax' };
  if (body.includes('\n')) return { error: 'invalid syntax' };
  if (!body.includes('\\') && !body.includes(quote)) return { value: wellFormed(body) };

  // Bytes in a growable buffer; runs without escapes are encoded at once (linear in the length).
  let buf = new Uint8Array(Math.max(16, body.length * 3));
  let len = 0;
  const bytes = {
    push(b: number): void {
      if (len === buf.length) {
        const next = new Uint8Array(buf.length * 2);
        next.set(buf);
        buf = next;
      }
      buf[len++] = b;
    },
  };
  const pushString = (str: string): void => {
    if (len + str.length * 3 > buf.length) {
      const next = new Uint8Array(Math.max(buf.length * 2, len + str.length * 3));
      next.set(buf.subarray(0, len));
      buf = next;
    }
    len += encoder.encodeInto(str, buf.subarray(len)).written;
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === quote) return { error: 'invalid syntax' };
    if (c !== '\\') {
      let j = i + 1;
      while (j < body.length && body[j] !== '\\' && body[j] !== quote) j++;
      pushString(body.slice(i, j));
      i = j;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a':
        bytes.push(7);
        break;
      case 'b':
        bytes.push(8);
        break;
      case 'f':
        bytes.push(12);
        break;
      case 'n':
        bytes.push(10);
        break;
      case 'r':
        bytes.push(13);
        break;
      case 't':
        bytes.push(9);
        break;
      case 'v':
        bytes.push(11);
        break;
      case '\\':
        bytes.push(92);
        break;
      case "'":
      case '"':
        if (e !== quote) return { error: 'invalid syntax' };
        bytes.push(e.charCodeAt(0));
        break;
      case 'x':
      case 'u':
      case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) return { error: 'invalid syntax' };
        const v = parseInt(hex, 16);
        i += len;
        if (e === 'x') bytes.push(v);
        else {
          if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return { error: 'invalid syntax' };
          pushString(String.fromCodePoint(v));
        }
        break;
      }
      default: {
        if (e !== undefined && e >= '0' && e <= '7') {
          const oct = body.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(oct)) return { error: 'invalid syntax' };
          const v = parseInt(oct, 8);
          if (v > 255) return { error: 'invalid syntax' };
          bytes.push(v);
          i += 2;
          break;
        }
        return { error: 'invalid syntax' };
      }
    }
  }
  return { value: utf8.decode(buf.subarray(0, len)) };
}

/** Go `strconv.Quote` (what Prometheus's `String()` uses for string literals and matcher values). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are exactly what Go's Quote escapes
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f-\x9f\xad\ufeff]|[\ud800-\udfff]/gu;
const NAMED_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

export function goQuoteString(s: string): string {
  const body = s.replace(NEEDS_ESCAPE, (ch) => {
    const named = NAMED_ESCAPES[ch];
    if (named) return named;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
    if (cp >= 0xd800 && cp < 0xe000) return '\\ufffd'; // a lone surrogate (hand-built trees only: parse never makes one)
    return `\\u${cp.toString(16).padStart(4, '0')}`;
  });
  return `"${body}"`;
}
