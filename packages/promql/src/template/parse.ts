/**
 * Parser for the Go `text/template` subset Prometheus alert templates use: text, actions with
 * pipelines, variables, `if`/`else if`/`else`, `with`, `range` (with `break`/`continue`),
 * comments and `{{-`/`-}}` trim markers. `define`/`template`/`block` are rejected with a clear
 * error. Positions are byte offsets, as Go reports them.
 */

export type Arg =
  | { kind: 'dot'; pos: number }
  | { kind: 'field'; pos: number; names: string[]; base?: Arg } // `.A.B` on dot, or chained on `base`
  | { kind: 'variable'; pos: number; name: string; names: string[] } // `$x.A.B`
  | { kind: 'identifier'; pos: number; name: string }
  | { kind: 'string'; pos: number; value: string }
  | { kind: 'number'; pos: number; value: number | bigint; text: string }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'nil'; pos: number }
  | { kind: 'pipe'; pos: number; pipe: Pipe };

export interface Command {
  pos: number;
  args: Arg[];
  text: string;
}

export interface Pipe {
  pos: number;
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
}

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pos: number; pipe: Pipe }
  | { kind: 'if' | 'with' | 'range'; pos: number; pipe: Pipe; list: Node[]; elseList?: Node[] }
  | { kind: 'break' | 'continue'; pos: number };

export class TemplateParseError extends Error {
  constructor(
    readonly templateName: string,
    readonly line: number,
    readonly detail: string,
    /** UTF-16 index in the template text where the error was found (Go reports only the line). */
    readonly offset?: number,
  ) {
    super(`template: ${templateName}:${line}: ${detail}`);
    this.name = 'TemplateParseError';
  }
}

type Tok =
  | { t: 'text'; v: string; pos: number }
  | { t: 'open'; pos: number }
  | { t: 'close'; pos: number }
  | { t: 'space'; pos: number }
  | {
      t: 'ident' | 'keyword' | 'variable' | 'field' | 'string' | 'number' | 'char' | 'bool' | 'nil' | 'dot';
      v: string;
      pos: number;
    }
  | { t: '|' | '(' | ')' | ':=' | '=' | ','; pos: number }
  | { t: 'eof'; pos: number };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);

/** UTF-8 byte offset of UTF-16 index `i` in `s`. */
export function byteOffset(s: string, i: number): number {
  return Buffer.byteLength(s.slice(0, i), 'utf8');
}

function unquoteGo(raw: string, quote: string): string {
  if (quote === '`') return raw.slice(1, -1).replace(/\r/g, '');
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    switch (n) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case "'":
        out += "'";
        break;
      case 'x':
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
        break;
      case 'u':
        out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16));
        i += 4;
        break;
      case 'U':
        out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
        i += 8;
        break;
      default:
        if (n !== undefined && /[0-7]/.test(n)) {
          out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
          i += 2;
        } else throw new Error(`invalid syntax: ${raw}`);
    }
  }
  return out;
}

function lex(src: string, name: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const lineAt = (p: number) => src.slice(0, p).split('\n').length;
  const fail = (p: number, msg: string): never => {
    throw new TemplateParseError(name, lineAt(p), msg, p);
  };
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open === -1) {
      toks.push({ t: 'text', v: src.slice(i), pos: i });
      break;
    }
    let text = src.slice(i, open);
    let p = open + 2;
    const trimLeft = src[p] === '-' && /[ \t\r\n]/.test(src[p + 1] ?? '');
    if (trimLeft) {
      text = text.replace(/[ \t\r\n]+$/, '');
      p += 1;
    }
    if (text) toks.push({ t: 'text', v: text, pos: i });
    // comment
    const afterSpace = src.slice(p).match(/^[ \t\r\n]*/)![0].length;
    if (src.startsWith('/*', p + (trimLeft ? afterSpace : 0))) {
      const cstart = p + (trimLeft ? afterSpace : 0);
      const cend = src.indexOf('*/', cstart + 2);
      if (cend === -1) fail(cstart, 'unclosed comment');
      let q = cend + 2;
      const m = src.slice(q).match(/^([ \t\r\n]+-)?}}/);
      if (!m) fail(q, 'comment ends before closing delimiter');
      const trimRight = m![1] !== undefined;
      q += m![0].length;
      if (trimRight) q += src.slice(q).match(/^[ \t\r\n]*/)![0].length;
      i = q;
      continue;
    }
    toks.push({ t: 'open', pos: open });
    // inside action
    for (;;) {
      if (p >= src.length) fail(p, 'unclosed action');
      const c = src[p]!;
      if (/[ \t\r\n]/.test(c)) {
        const ws = src.slice(p).match(/^[ \t\r\n]+/)![0];
        if (src.startsWith('-}}', p + ws.length)) {
          toks.push({ t: 'close', pos: p });
          p += ws.length + 3;
          p += src.slice(p).match(/^[ \t\r\n]*/)![0].length;
          break;
        }
        toks.push({ t: 'space', pos: p });
        p += ws.length;
        continue;
      }
      if (src.startsWith('}}', p)) {
        toks.push({ t: 'close', pos: p });
        p += 2;
        break;
      }
      if (c === '|' || c === '(' || c === ')' || c === ',') {
        toks.push({ t: c, pos: p });
        p++;
        continue;
      }
      if (src.startsWith(':=', p)) {
        toks.push({ t: ':=', pos: p });
        p += 2;
        continue;
      }
      if (c === '=') {
        toks.push({ t: '=', pos: p });
        p++;
        continue;
      }
      if (c === '"' || c === '`') {
        const re = c === '"' ? /^"(?:[^"\\\n]|\\.)*"/ : /^`[^`]*`/;
        const m = src.slice(p).match(re);
        if (!m) fail(p, c === '"' ? 'unterminated quoted string' : 'unterminated raw quoted string');
        toks.push({ t: 'string', v: m![0], pos: p });
        p += m![0].length;
        continue;
      }
      if (c === "'") {
        const m = src.slice(p).match(/^'(?:[^'\\\n]|\\.[^']*)'/);
        if (!m) fail(p, 'unterminated character constant');
        toks.push({ t: 'char', v: m![0], pos: p });
        p += m![0].length;
        continue;
      }
      if (c === '$') {
        const m = src.slice(p).match(/^\$[\p{L}_0-9]*/u)!;
        toks.push({ t: 'variable', v: m[0], pos: p });
        p += m[0].length;
        continue;
      }
      if (c === '.') {
        const m = src.slice(p).match(/^\.[\p{L}_][\p{L}_0-9]*/u);
        if (m) {
          toks.push({ t: 'field', v: m[0], pos: p });
          p += m[0].length;
          continue;
        }
        if (!/[0-9]/.test(src[p + 1] ?? '')) {
          toks.push({ t: 'dot', v: '.', pos: p });
          p++;
          continue;
        }
      }
      const num = src
        .slice(p)
        .match(
          /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)/,
        );
      if (num && num[0] !== '' && /[0-9]/.test(num[0])) {
        toks.push({ t: 'number', v: num[0], pos: p });
        p += num[0].length;
        continue;
      }
      const id = src.slice(p).match(/^[\p{L}_][\p{L}_0-9]*/u);
      if (id) {
        const v = id[0];
        const t = KEYWORDS.has(v) ? 'keyword' : v === 'true' || v === 'false' ? 'bool' : v === 'nil' ? 'nil' : 'ident';
        toks.push({ t, v, pos: p });
        p += v.length;
        continue;
      }
      fail(p, `unexpected ${JSON.stringify(c)} in command`);
    }
    i = p;
  }
  toks.push({ t: 'eof', pos: src.length });
  return toks;
}

function parseNumber(text: string): number | bigint {
  const clean = text.replace(/_/g, '');
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)$/.test(clean)) {
    const neg = clean.startsWith('-');
    const body = clean.replace(/^[+-]/, '');
    let v: bigint;
    if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
    else if (/^0[0-7]+$/.test(body)) v = BigInt(`0o${body.slice(1)}`);
    else v = BigInt(body);
    return neg ? -v : v;
  }
  const f = Number(clean);
  if (Number.isNaN(f)) throw new Error(`bad number syntax: ${JSON.stringify(text)}`);
  return f;
}

/** Parse a template into a node list; throws TemplateParseError with Go's wording where it matters. */
export function parseTemplate(src: string, name: string, funcs: ReadonlySet<string>): Node[] {
  const toks = lex(src, name);
  let k = 0;
  const lineAt = (p: number) => src.slice(0, p).split('\n').length;
  const fail = (p: number, msg: string): never => {
    throw new TemplateParseError(name, lineAt(p), msg, p);
  };
  const peek = () => toks[k]!;
  const next = () => toks[k++]!;
  const skipSpace = () => {
    while (peek().t === 'space') k++;
  };
  const vars: string[][] = [['$']];
  const hasVar = (v: string) => vars.some((s) => s.includes(v));

  function parseTerm(): Arg | undefined {
    const tok = peek();
    switch (tok.t) {
      case 'dot':
        k++;
        return { kind: 'dot', pos: byteOffset(src, tok.pos) };
      case 'field': {
        k++;
        return { kind: 'field', pos: byteOffset(src, tok.pos), names: tok.v.slice(1).split('.') };
      }
      case 'variable': {
        k++;
        if (!hasVar(tok.v)) fail(tok.pos, `undefined variable "${tok.v}"`);
        return { kind: 'variable', pos: byteOffset(src, tok.pos), name: tok.v, names: [] };
      }
      case 'ident': {
        k++;
        if (!funcs.has(tok.v)) fail(tok.pos, `function "${tok.v}" not defined`);
        return { kind: 'identifier', pos: byteOffset(src, tok.pos), name: tok.v };
      }
      case 'string':
        k++;
        try {
          return { kind: 'string', pos: byteOffset(src, tok.pos), value: unquoteGo(tok.v, tok.v[0]!) };
        } catch (e) {
          return fail(tok.pos, (e as Error).message);
        }
      case 'char': {
        k++;
        const ch = unquoteGo(`"${tok.v.slice(1, -1)}"`, '"');
        return { kind: 'number', pos: byteOffset(src, tok.pos), value: BigInt(ch.codePointAt(0) ?? 0), text: tok.v };
      }
      case 'number':
        k++;
        try {
          return { kind: 'number', pos: byteOffset(src, tok.pos), value: parseNumber(tok.v), text: tok.v };
        } catch (e) {
          return fail(tok.pos, (e as Error).message);
        }
      case 'bool':
        k++;
        return { kind: 'bool', pos: byteOffset(src, tok.pos), value: tok.v === 'true' };
      case 'nil':
        k++;
        return { kind: 'nil', pos: byteOffset(src, tok.pos) };
      case '(': {
        k++;
        const pipe = parsePipe(')');
        const close = next();
        if (close.t !== ')') fail(close.pos, 'unclosed left paren');
        return { kind: 'pipe', pos: byteOffset(src, tok.pos), pipe };
      }
      default:
        return undefined;
    }
  }

  function parseOperand(): Arg | undefined {
    let term = parseTerm();
    if (!term) return undefined;
    while (peek().t === 'field') {
      const f = next() as { v: string; pos: number };
      const names = f.v.slice(1).split('.');
      if (term.kind === 'variable') term = { ...term, names: [...term.names, ...names] };
      else if (term.kind === 'field' && !term.base) term = { ...term, names: [...term.names, ...names] };
      else if (term.kind === 'dot') fail(f.pos, `unexpected . after term "."`);
      else term = { kind: 'field', pos: term.pos, names, base: term };
    }
    return term;
  }

  function parseCommand(end: 'close' | ')'): Command {
    const start = peek().pos;
    const args: Arg[] = [];
    for (;;) {
      skipSpace();
      const op = parseOperand();
      if (!op) break;
      args.push(op);
      const t = peek();
      if (t.t === 'space') continue;
      if (t.t === 'close' || t.t === ')' || t.t === '|') break;
      fail(t.pos, `unexpected ${describe(t)} in operand`);
    }
    skipSpace();
    if (args.length === 0) fail(peek().pos, `missing value for command`);
    const stop = peek().pos;
    void end;
    return { pos: byteOffset(src, start), args, text: src.slice(start, stop).trim() };
  }

  function describe(t: Tok): string {
    if ('v' in t) return `<${t.v}>`;
    if (t.t === 'close') return '"}}"';
    return `"${t.t}"`;
  }

  function parsePipe(end: 'close' | ')', allowDecl = true): Pipe {
    skipSpace();
    const pos = byteOffset(src, peek().pos);
    const decl: string[] = [];
    let isAssign = false;
    // declarations: $x := / $x = / $i, $e :=
    if (allowDecl && peek().t === 'variable') {
      const save = k;
      const names: string[] = [];
      let ok = false;
      for (;;) {
        const v = peek();
        if (v.t !== 'variable') break;
        k++;
        skipSpace();
        names.push((v as { v: string }).v);
        const t = peek();
        if (t.t === ':=' || t.t === '=') {
          isAssign = t.t === '=';
          k++;
          ok = true;
          break;
        }
        if (t.t === ',' && names.length === 1) {
          k++;
          skipSpace();
          continue;
        }
        break;
      }
      if (ok) {
        decl.push(...names);
        if (isAssign) for (const n of names) if (!hasVar(n)) fail(save, `undefined variable "${n}"`);
      } else k = save;
    }
    const cmds: Command[] = [];
    for (;;) {
      skipSpace();
      const t = peek();
      if (t.t === (end === 'close' ? 'close' : ')') || t.t === 'eof') break;
      cmds.push(parseCommand(end));
      if (peek().t === '|') {
        k++;
      }
    }
    if (cmds.length === 0) fail(peek().pos, 'missing value for command');
    if (!isAssign) for (const d of decl) vars[vars.length - 1]!.push(d);
    return { pos, decl, isAssign, cmds };
  }

  function expectClose(): void {
    skipSpace();
    const t = next();
    if (t.t !== 'close') fail(t.pos, `unexpected ${describe(t)} in end`);
  }

  // Returns the list and the terminating keyword ('end' | 'else' | 'eof').
  function parseList(
    inBlock: boolean,
    inRange: boolean,
  ): { list: Node[]; stop: 'end' | 'else' | 'eof'; elseTok?: number } {
    const list: Node[] = [];
    for (;;) {
      const t = next();
      if (t.t === 'eof') {
        if (inBlock) fail(t.pos, 'unexpected EOF');
        return { list, stop: 'eof' };
      }
      if (t.t === 'text') {
        list.push({ kind: 'text', text: t.v });
        continue;
      }
      if (t.t !== 'open') fail(t.pos, `unexpected ${describe(t)}`);
      skipSpace();
      const kw = peek();
      if (kw.t === 'keyword') {
        const word = (kw as { v: string }).v;
        if (word === 'end') {
          k++;
          if (!inBlock) fail(kw.pos, 'unexpected {{end}}');
          expectClose();
          return { list, stop: 'end' };
        }
        if (word === 'else') {
          k++;
          if (!inBlock) fail(kw.pos, 'unexpected {{else}}');
          return { list, stop: 'else', elseTok: kw.pos };
        }
        if (word === 'if' || word === 'with' || word === 'range') {
          k++;
          list.push(parseControl(word, kw.pos, inRange));
          continue;
        }
        if (word === 'break' || word === 'continue') {
          k++;
          if (!inRange) fail(kw.pos, `{{${word}}} outside {{range}}`);
          expectClose();
          list.push({ kind: word, pos: byteOffset(src, kw.pos) });
          continue;
        }
        fail(kw.pos, `{{${word}}} is not supported in alert templates`);
      }
      const pipe = parsePipe('close');
      expectClose();
      list.push({ kind: 'action', pos: pipe.pos, pipe });
    }
  }

  function parseControl(word: 'if' | 'with' | 'range', pos: number, inRange: boolean): Node {
    vars.push([]);
    const pipe = parsePipe('close');
    expectClose();
    const body = parseList(true, inRange || word === 'range');
    let elseList: Node[] | undefined;
    vars.pop();
    if (body.stop === 'else') {
      skipSpace();
      const t = peek();
      if (
        t.t === 'keyword' &&
        ((t as { v: string }).v === 'if' || (t as { v: string }).v === 'with') &&
        word !== 'range'
      ) {
        // {{else if ...}} / {{else with ...}}: a nested control that consumes the shared {{end}}.
        k++;
        elseList = [parseControl((t as { v: string }).v as 'if' | 'with', t.pos, inRange)];
      } else {
        expectClose();
        vars.push([]);
        const rest = parseList(true, inRange);
        vars.pop();
        if (rest.stop !== 'end') fail(pos, `expected end; found {{else}}`);
        elseList = rest.list;
      }
    }
    return { kind: word, pos: byteOffset(src, pos), pipe, list: body.list, elseList };
  }

  const { list } = parseList(false, false);
  return list;
}
