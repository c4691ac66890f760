import { KEYWORDS, type Token, type TokenType } from './tokens.js';

/**
 * A PromQL lexer with the states and acceptance rules of Prometheus v2.54.1's lexer (outside of
 * the promqltest series-description mode, which expressions never use). It produces the whole
 * token list up front; lexing stops at the first error, which becomes an ERROR token.
 */

const EOF_CH = -1;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlpha(c: number): boolean {
  return c === 95 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isAlphaNumeric(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}
/** True when `s` is a valid unquoted label name (Prometheus `isLabel`). */
export function isLabelName(s: string): boolean {
  if (s.length === 0 || !isAlpha(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) if (!isAlphaNumeric(s.charCodeAt(i))) return false;
  return true;
}

/** Go's `%q` of a single rune. */
function quoteRune(c: number): string {
  if (c === EOF_CH) return "'\\x00'";
  const ch = String.fromCodePoint(c);
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  if (c < 32 || c === 127) {
    const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
    return `'${named[c] ?? '\\x' + c.toString(16).padStart(2, '0')}'`;
  }
  return `'${ch}'`;
}
/** Go's `%#U` of a rune, e.g. `U+0027 '''`. */
function unicodeRune(c: number): string {
  if (c === EOF_CH) return 'U+FFFFFFFFFFFFFFFF';
  const hex = c.toString(16).toUpperCase().padStart(4, '0');
  return c >= 32 && c !== 127 ? `U+${hex} '${String.fromCodePoint(c)}'` : `U+${hex}`;
}

class LexError extends Error {}

export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  const n = input.length;
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  let braceOpen = false;
  let bracketOpen = false;
  let gotColon = false;

  const peek = (): number => (pos < n ? input.codePointAt(pos)! : EOF_CH);
  const next = (): number => {
    if (pos >= n) return EOF_CH;
    const c = input.codePointAt(pos)!;
    pos += c > 0xffff ? 2 : 1;
    return c;
  };
  // backup is only ever called after next(); track the width of the last rune.
  let lastWidth = 0;
  const nextW = (): number => {
    const before = pos;
    const c = next();
    lastWidth = pos - before;
    return c;
  };
  const backup = (): void => {
    pos -= lastWidth;
    lastWidth = 0;
  };
  const accept = (valid: string): boolean => {
    const c = nextW();
    if (c !== EOF_CH && valid.indexOf(String.fromCharCode(c)) >= 0 && c < 128) return true;
    backup();
    return false;
  };
  const is = (valid: string): boolean => {
    const c = peek();
    return c !== EOF_CH && c < 128 && valid.indexOf(String.fromCharCode(c)) >= 0;
  };
  const acceptRun = (valid: string): void => {
    while (accept(valid)) {
      // consume
    }
  };
  const emit = (type: TokenType): void => {
    tokens.push({ type, start, end: pos, val: input.slice(start, pos) });
    start = pos;
  };
  const fail = (message: string): never => {
    tokens.push({ type: 'ERROR', start, end: n, val: message });
    throw new LexError(message);
  };

  const scanNumber = (): boolean => {
    const initialPos = pos;
    let digitPattern = '0123456789';
    if (accept('0') && accept('xX')) {
      accept('_');
      digitPattern = '0123456789abcdefABCDEF';
    }
    accept('.');
    accept(digitPattern);
    let dotConsumed = false;
    let exponentConsumed = false;
    while (is(digitPattern + '._eE')) {
      if (is('.') && dotConsumed) {
        accept('.');
        return false;
      }
      if (is('eE') && exponentConsumed) {
        accept('eE');
        return false;
      }
      if (accept('.')) {
        dotConsumed = true;
        if (accept('_.')) return false;
        if (digitPattern.length > 10) return false;
        continue;
      }
      if (accept('eE')) {
        exponentConsumed = true;
        accept('+-');
        if (accept('._eE') || peek() === EOF_CH) return false;
        continue;
      }
      if (accept('_')) {
        if (accept('._eE') || peek() === EOF_CH) return false;
        continue;
      }
      acceptRun(digitPattern);
    }
    if (pos === initialPos) return false;
    return !isAlphaNumeric(peek());
  };

  const acceptRemainingDuration = (): boolean => {
    if (!accept('smhdwy')) return false;
    accept('s');
    while (accept('0123456789')) {
      acceptRun('0123456789');
      if (!accept('smhdw')) return false;
      accept('s');
    }
    return !isAlphaNumeric(nextW());
  };

  const lexNumberOrDuration = (): void => {
    if (scanNumber()) {
      emit('NUMBER');
      return;
    }
    if (acceptRemainingDuration()) {
      backup();
      emit('DURATION');
      return;
    }
    fail(`bad number or duration syntax: ${JSON.stringify(input.slice(start, Math.min(pos, n)))}`);
  };

  const lexEscape = (quote: number): void => {
    let c = nextW();
    let count: number;
    let base: number;
    let max: number;
    switch (c) {
      case 97: case 98: case 102: case 110: case 114: case 116: case 118: case 92: // a b f n r t v \
        return;
      case quote:
        return;
      case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55:
        count = 3; base = 8; max = 255;
        break;
      case 120: // x
        c = nextW(); count = 2; base = 16; max = 255;
        break;
      case 117: // u
        c = nextW(); count = 4; base = 16; max = 0x10ffff;
        break;
      case 85: // U
        c = nextW(); count = 8; base = 16; max = 0x10ffff;
        break;
      case EOF_CH:
        fail('escape sequence not terminated');
        return;
      default:
        fail(`unknown escape sequence ${unicodeRune(c)}`);
        return;
    }
    let x = 0;
    while (count > 0) {
      const d = digitVal(c);
      if (d >= base) {
        if (c === EOF_CH) fail('escape sequence not terminated');
        fail(`illegal character ${unicodeRune(c)} in escape sequence`);
      }
      x = x * base + d;
      count--;
      if (count > 0) c = nextW();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) fail('escape sequence is an invalid Unicode code point');
  };

  const lexString = (quote: number): void => {
    for (;;) {
      const c = nextW();
      if (c === 92) {
        lexEscape(quote);
        continue;
      }
      if (c === EOF_CH || c === 10) fail('unterminated quoted string');
      if (c === quote) break;
    }
    emit('STRING');
  };

  const lexRawString = (): void => {
    for (;;) {
      const c = nextW();
      if (c === EOF_CH) fail('unterminated raw string');
      if (c === 96) break;
    }
    emit('STRING');
  };

  const lexComment = (): void => {
    // Comments are skipped (Prometheus emits COMMENT items that the parser ignores).
    while (pos < n) {
      const c = input.charCodeAt(pos);
      if (c === 10 || c === 13) break;
      pos++;
    }
    start = pos;
  };

  const lexKeywordOrIdentifier = (): void => {
    for (;;) {
      const c = nextW();
      if (isAlphaNumeric(c) || c === 58) continue;
      backup();
      break;
    }
    const word = input.slice(start, pos);
    const kw = KEYWORDS.get(word.toLowerCase());
    if (kw) emit(kw);
    else emit(word.indexOf(':') >= 0 ? 'METRIC_IDENTIFIER' : 'IDENTIFIER');
  };

  const lexInsideBraces = (): void => {
    if (input.startsWith('#', pos)) {
      lexComment();
      return;
    }
    const c = nextW();
    if (c === EOF_CH) fail('unexpected end of input inside braces');
    else if (isSpace(c)) {
      while (isSpace(peek())) nextW();
      start = pos;
    } else if (isAlpha(c)) {
      while (isAlphaNumeric(nextW())) {
        // absorb
      }
      backup();
      emit('IDENTIFIER');
    } else if (c === 44) emit('COMMA');
    else if (c === 34 || c === 39) lexString(c);
    else if (c === 96) lexRawString();
    else if (c === 61) {
      if (nextW() === 126) emit('EQL_REGEX');
      else {
        backup();
        emit('EQL');
      }
    } else if (c === 33) {
      const nc = nextW();
      if (nc === 126) emit('NEQ_REGEX');
      else if (nc === 61) emit('NEQ');
      else fail(`unexpected character after '!' inside braces: ${quoteRune(nc)}`);
    } else if (c === 123) fail(`unexpected left brace ${quoteRune(c)}`);
    else if (c === 125) {
      emit('RIGHT_BRACE');
      braceOpen = false;
    } else fail(`unexpected character inside braces: ${quoteRune(c)}`);
  };

  const lexStatement = (): boolean => {
    if (braceOpen) {
      lexInsideBraces();
      return true;
    }
    if (input.startsWith('#', pos)) {
      lexComment();
      return true;
    }
    const c = nextW();
    switch (true) {
      case c === EOF_CH:
        if (parenDepth !== 0) fail('unclosed left parenthesis');
        if (bracketOpen) fail('unclosed left bracket');
        emit('EOF');
        return false;
      case c === 44:
        emit('COMMA');
        break;
      case isSpace(c):
        while (isSpace(peek())) nextW();
        start = pos;
        break;
      case c === 42:
        emit('MUL');
        break;
      case c === 47:
        emit('DIV');
        break;
      case c === 37:
        emit('MOD');
        break;
      case c === 43:
        emit('ADD');
        break;
      case c === 45:
        emit('SUB');
        break;
      case c === 94:
        emit('POW');
        break;
      case c === 61: {
        const t = peek();
        if (t === 61) {
          nextW();
          emit('EQLC');
        } else if (t === 126) fail(`unexpected character after '=': ${quoteRune(t)}`);
        else emit('EQL');
        break;
      }
      case c === 33: {
        const t = nextW();
        if (t === 61) emit('NEQ');
        else fail(`unexpected character after '!': ${quoteRune(t)}`);
        break;
      }
      case c === 60:
        if (peek() === 61) {
          nextW();
          emit('LTE');
        } else emit('LSS');
        break;
      case c === 62:
        if (peek() === 61) {
          nextW();
          emit('GTE');
        } else emit('GTR');
        break;
      case isDigit(c) || (c === 46 && isDigit(peek())):
        backup();
        lexNumberOrDuration();
        break;
      case c === 34 || c === 39:
        lexString(c);
        break;
      case c === 96:
        lexRawString();
        break;
      case isAlpha(c) || c === 58:
        if (!bracketOpen) {
          backup();
          lexKeywordOrIdentifier();
          break;
        }
        if (gotColon) fail(`unexpected colon ${quoteRune(c)}`);
        emit('COLON');
        gotColon = true;
        break;
      case c === 40:
        emit('LEFT_PAREN');
        parenDepth++;
        break;
      case c === 41:
        parenDepth--;
        if (parenDepth < 0) {
          // Prometheus emits the item and then replaces it by the error, positioned after it.
          start = pos;
          fail(`unexpected right parenthesis ${quoteRune(c)}`);
        }
        emit('RIGHT_PAREN');
        break;
      case c === 123:
        emit('LEFT_BRACE');
        braceOpen = true;
        break;
      case c === 91:
        if (bracketOpen) fail(`unexpected left bracket ${quoteRune(c)}`);
        gotColon = false;
        emit('LEFT_BRACKET');
        while (isSpace(peek())) nextW();
        start = pos;
        bracketOpen = true;
        lexNumberOrDuration();
        break;
      case c === 93:
        if (!bracketOpen) fail(`unexpected right bracket ${quoteRune(c)}`);
        emit('RIGHT_BRACKET');
        bracketOpen = false;
        break;
      case c === 64:
        emit('AT');
        break;
      default:
        fail(`unexpected character: ${quoteRune(c)}`);
    }
    return true;
  };

  try {
    while (lexStatement()) {
      // keep lexing
    }
  } catch (err) {
    if (!(err instanceof LexError)) throw err;
  }
  return tokens;
}

function digitVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 97 + 10;
  if (c >= 65 && c <= 70) return c - 65 + 10;
  return 16;
}
