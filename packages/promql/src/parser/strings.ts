/**
 * String literal unquoting with Go `strconv.Unquote` semantics as used by Prometheus
 * (`util/strutil.Unquote`: double, single and back-quoted strings; single-quoted strings may hold
 * any number of characters). `\x` and octal escapes denote bytes; the bytes are decoded as UTF-8.
 */
const utf8 = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

export function unquote(s: string): { value: string } | { error: string } {
  const n = s.length;
  if (n < 2) return { error: 'invalid syntax' };
  const quote = s[0]!;
  if (quote !== s[n - 1]) return { error: 'invalid syntax' };
  const body = s.slice(1, n - 1);
  if (quote === '`') {
    if (body.includes('`')) return { error: 'invalid syntax' };
    return { value: body };
  }
  if (quote !== '"' && quote !== "'") return { error: 'invalid syntax' };
  if (body.includes('\n')) return { error: 'invalid syntax' };
  if (!body.includes('\\') && !body.includes(quote)) return { value: body };

  const bytes: number[] = [];
  const pushString = (str: string): void => {
    for (const b of encoder.encode(str)) bytes.push(b);
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === quote) return { error: 'invalid syntax' };
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushString(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a': bytes.push(7); break;
      case 'b': bytes.push(8); break;
      case 'f': bytes.push(12); break;
      case 'n': bytes.push(10); break;
      case 'r': bytes.push(13); break;
      case 't': bytes.push(9); break;
      case 'v': bytes.push(11); break;
      case '\\': bytes.push(92); break;
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
  return { value: utf8.decode(new Uint8Array(bytes)) };
}

/** Go `strconv.Quote` (what Prometheus's `String()` uses for string literals and matcher values). */
export function goQuoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad || (cp >= 0xd800 && cp < 0xe000) || cp === 0xfeff) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}
