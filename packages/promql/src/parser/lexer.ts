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
    return `'${named[c] ?? `\\x${c.toString(16).padStart(2, '0')}`}'`;
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

/** Character sets of the number and duration scanner. */
const DIGITS = '0123456789';
const HEX_DIGITS = '0123456789abcdefABCDEF';

class Lexer {
  readonly tokens: Token[] = [];
  private readonly n: number;
  private pos = 0;
  private start = 0;
  private parenDepth = 0;
  private braceOpen = false;
  private bracketOpen = false;
  private gotColon = false;
  /** Width of the last rune read by next(), for backup(). */
  private width = 0;

  constructor(private readonly input: string) {
    this.n = input.length;
  }

  private peek(): number {
    return this.pos < this.n ? this.input.codePointAt(this.pos)! : EOF_CH;
  }
  private next(): number {
    if (this.pos >= this.n) {
      this.width = 0;
      return EOF_CH;
    }
    const c = this.input.codePointAt(this.pos)!;
    this.width = c > 0xffff ? 2 : 1;
    this.pos += this.width;
    return c;
  }
  private backup(): void {
    this.pos -= this.width;
    this.width = 0;
  }
  private accept(valid: string): boolean {
    const c = this.next();
    if (c !== EOF_CH && c < 128 && valid.indexOf(String.fromCharCode(c)) >= 0) return true;
    this.backup();
    return false;
  }
  private is(valid: string): boolean {
    const c = this.peek();
    return c !== EOF_CH && c < 128 && valid.indexOf(String.fromCharCode(c)) >= 0;
  }
  private acceptRun(valid: string): void {
    while (this.accept(valid)) {
      // consume
    }
  }
  private emit(type: TokenType): void {
    this.tokens.push({ type, start: this.start, end: this.pos, val: this.input.slice(this.start, this.pos) });
    this.start = this.pos;
  }
  private fail(message: string): never {
    this.tokens.push({ type: 'ERROR', start: this.start, end: this.n, val: message });
    throw new LexError(message);
  }

  private scanNumber(): boolean {
    const initialPos = this.pos;
    let digitPattern = DIGITS;
    if (this.accept('0') && this.accept('xX')) {
      this.accept('_');
      digitPattern = HEX_DIGITS;
    }
    this.accept('.');
    this.accept(digitPattern);
    let dotConsumed = false;
    let exponentConsumed = false;
    const all = `${digitPattern}._eE`;
    while (this.is(all)) {
      if (this.is('.') && dotConsumed) {
        this.accept('.');
        return false;
      }
      if (this.is('eE') && exponentConsumed) {
        this.accept('eE');
        return false;
      }
      if (this.accept('.')) {
        dotConsumed = true;
        if (this.accept('_.')) return false;
        if (digitPattern.length > 10) return false;
        continue;
      }
      if (this.accept('eE')) {
        exponentConsumed = true;
        this.accept('+-');
        if (this.accept('._eE') || this.peek() === EOF_CH) return false;
        continue;
      }
      if (this.accept('_')) {
        if (this.accept('._eE') || this.peek() === EOF_CH) return false;
        continue;
      }
      this.acceptRun(digitPattern);
    }
    if (this.pos === initialPos) return false;
    return !isAlphaNumeric(this.peek());
  }

  private acceptRemainingDuration(): boolean {
    if (!this.accept('smhdwy')) return false;
    this.accept('s');
    while (this.accept(DIGITS)) {
      this.acceptRun(DIGITS);
      if (!this.accept('smhdw')) return false;
      this.accept('s');
    }
    return !isAlphaNumeric(this.next());
  }

  private lexNumberOrDuration(): void {
    if (this.scanNumber()) {
      this.emit('NUMBER');
      return;
    }
    if (this.acceptRemainingDuration()) {
      this.backup();
      this.emit('DURATION');
      return;
    }
    this.fail(
      `bad number or duration syntax: ${JSON.stringify(this.input.slice(this.start, Math.min(this.pos, this.n)))}`,
    );
  }

  private lexEscape(quote: number): void {
    let c = this.next();
    let count: number;
    let base: number;
    let max: number;
    switch (c) {
      case 97:
      case 98:
      case 102:
      case 110:
      case 114:
      case 116:
      case 118:
      case 92: // a b f n r t v \
        return;
      case quote:
        return;
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
        count = 3;
        base = 8;
        max = 255;
        break;
      case 120: // x
        c = this.next();
        count = 2;
        base = 16;
        max = 255;
        break;
      case 117: // u
        c = this.next();
        count = 4;
        base = 16;
        max = 0x10ffff;
        break;
      case 85: // U
        c = this.next();
        count = 8;
        base = 16;
        max = 0x10ffff;
        break;
      default:
        this.fail(c === EOF_CH ? 'escape sequence not terminated' : `unknown escape sequence ${unicodeRune(c)}`);
    }
    let x = 0;
    while (count > 0) {
      const d = digitVal(c);
      if (d >= base) {
        if (c === EOF_CH) this.fail('escape sequence not terminated');
        this.fail(`illegal character ${unicodeRune(c)} in escape sequence`);
      }
      x = x * base + d;
      count--;
      if (count > 0) c = this.next();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) this.fail('escape sequence is an invalid Unicode code point');
  }

  private lexString(quote: number): void {
    for (;;) {
      const c = this.next();
      if (c === 92) {
        this.lexEscape(quote);
        continue;
      }
      if (c === EOF_CH || c === 10) this.fail('unterminated quoted string');
      if (c === quote) break;
    }
    this.emit('STRING');
  }

  private lexRawString(): void {
    for (;;) {
      const c = this.next();
      if (c === EOF_CH) this.fail('unterminated raw string');
      if (c === 96) break;
    }
    this.emit('STRING');
  }

  /** Comments run to the end of the line; Prometheus's parser ignores them. */
  private lexComment(): void {
    while (this.pos < this.n) {
      const c = this.input.charCodeAt(this.pos);
      if (c === 10 || c === 13) break;
      this.pos++;
    }
    this.start = this.pos;
  }

  private skipSpaces(): void {
    while (isSpace(this.peek())) this.next();
    this.start = this.pos;
  }

  private lexKeywordOrIdentifier(): void {
    for (;;) {
      const c = this.next();
      if (isAlphaNumeric(c) || c === 58) continue;
      this.backup();
      break;
    }
    const word = this.input.slice(this.start, this.pos);
    const kw = KEYWORDS.get(word.toLowerCase());
    if (kw) this.emit(kw);
    else this.emit(word.indexOf(':') >= 0 ? 'METRIC_IDENTIFIER' : 'IDENTIFIER');
  }

  private lexInsideBraces(): void {
    if (this.input.startsWith('#', this.pos)) {
      this.lexComment();
      return;
    }
    const c = this.next();
    if (c === EOF_CH) this.fail('unexpected end of input inside braces');
    else if (isSpace(c)) this.skipSpaces();
    else if (isAlpha(c)) {
      while (isAlphaNumeric(this.next())) {
        // absorb
      }
      this.backup();
      this.emit('IDENTIFIER');
    } else if (c === 44) this.emit('COMMA');
    else if (c === 34 || c === 39) this.lexString(c);
    else if (c === 96) this.lexRawString();
    else if (c === 61) {
      if (this.next() === 126) this.emit('EQL_REGEX');
      else {
        this.backup();
        this.emit('EQL');
      }
    } else if (c === 33) {
      const nc = this.next();
      if (nc === 126) this.emit('NEQ_REGEX');
      else if (nc === 61) this.emit('NEQ');
      else this.fail(`unexpected character after '!' inside braces: ${quoteRune(nc)}`);
    } else if (c === 123) this.fail(`unexpected left brace ${quoteRune(c)}`);
    else if (c === 125) {
      this.emit('RIGHT_BRACE');
      this.braceOpen = false;
    } else this.fail(`unexpected character inside braces: ${quoteRune(c)}`);
  }

  /** Lex one item (or skip space/comment); false at end of input. */
  private step(): boolean {
    if (this.braceOpen) {
      this.lexInsideBraces();
      return true;
    }
    if (this.input.startsWith('#', this.pos)) {
      this.lexComment();
      return true;
    }
    const c = this.next();
    if (c === EOF_CH) {
      if (this.parenDepth !== 0) this.fail('unclosed left parenthesis');
      if (this.bracketOpen) this.fail('unclosed left bracket');
      this.emit('EOF');
      return false;
    }
    if (isSpace(c)) {
      this.skipSpaces();
      return true;
    }
    if (isAlpha(c) || c === 58) {
      if (!this.bracketOpen) {
        this.backup();
        this.lexKeywordOrIdentifier();
        return true;
      }
      if (this.gotColon) this.fail(`unexpected colon ${quoteRune(c)}`);
      this.emit('COLON');
      this.gotColon = true;
      return true;
    }
    if (isDigit(c) || (c === 46 && isDigit(this.peek()))) {
      this.backup();
      this.lexNumberOrDuration();
      return true;
    }
    switch (c) {
      case 44:
        this.emit('COMMA');
        break;
      case 42:
        this.emit('MUL');
        break;
      case 47:
        this.emit('DIV');
        break;
      case 37:
        this.emit('MOD');
        break;
      case 43:
        this.emit('ADD');
        break;
      case 45:
        this.emit('SUB');
        break;
      case 94:
        this.emit('POW');
        break;
      case 61: {
        const t = this.peek();
        if (t === 61) {
          this.next();
          this.emit('EQLC');
        } else if (t === 126) this.fail(`unexpected character after '=': ${quoteRune(t)}`);
        else this.emit('EQL');
        break;
      }
      case 33: {
        const t = this.next();
        if (t === 61) this.emit('NEQ');
        else this.fail(`unexpected character after '!': ${quoteRune(t)}`);
        break;
      }
      case 60:
        if (this.peek() === 61) {
          this.next();
          this.emit('LTE');
        } else this.emit('LSS');
        break;
      case 62:
        if (this.peek() === 61) {
          this.next();
          this.emit('GTE');
        } else this.emit('GTR');
        break;
      case 34:
      case 39:
        this.lexString(c);
        break;
      case 96:
        this.lexRawString();
        break;
      case 40:
        this.emit('LEFT_PAREN');
        this.parenDepth++;
        break;
      case 41:
        this.parenDepth--;
        if (this.parenDepth < 0) {
          // Prometheus emits the item and then replaces it by the error, positioned after it.
          this.start = this.pos;
          this.fail(`unexpected right parenthesis ${quoteRune(c)}`);
        }
        this.emit('RIGHT_PAREN');
        break;
      case 123:
        this.emit('LEFT_BRACE');
        this.braceOpen = true;
        break;
      case 91:
        if (this.bracketOpen) this.fail(`unexpected left bracket ${quoteRune(c)}`);
        this.gotColon = false;
        this.emit('LEFT_BRACKET');
        this.skipSpaces();
        this.bracketOpen = true;
        this.lexNumberOrDuration();
        break;
      case 93:
        if (!this.bracketOpen) this.fail(`unexpected right bracket ${quoteRune(c)}`);
        this.emit('RIGHT_BRACKET');
        this.bracketOpen = false;
        break;
      case 64:
        this.emit('AT');
        break;
      default:
        this.fail(`unexpected character: ${quoteRune(c)}`);
    }
    return true;
  }

  run(): Token[] {
    try {
      while (this.step()) {
        // keep lexing
      }
    } catch (err) {
      if (!(err instanceof LexError)) throw err;
    }
    return this.tokens;
  }
}

/** Tokenize a whole expression; lexing stops at the first error, which becomes an ERROR token. */
export function lex(input: string): Token[] {
  return new Lexer(input).run();
}

function digitVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 97 + 10;
  if (c >= 65 && c <= 70) return c - 65 + 10;
  return 16;
}
