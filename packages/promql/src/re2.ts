/**
 * The one home of regular expressions with Prometheus' and Alertmanager's semantics: RE2 (Go's
 * `regexp/syntax`, through `re2js`), linear-time matching, fully anchored as `^(?:pattern)$` like
 * Prometheus v2.54's `FastRegexMatcher` and Alertmanager's `labels.NewMatcher` (`.` does not match
 * a newline unless `dotAll`). RE2's limits apply as in Go: repeat counts above 1000 (also nested:
 * `((a){100}){100}`), programs over RE2's size cap and nesting deeper than 1000 are syntax errors.
 *
 * Validation only parses (fast even for `(b…400×){1000}`, which Go accepts); the matching program
 * is compiled on the first `matches`, so parsing and linting never pay for a large program.
 *
 * `re2js` itself (270 kB of JavaScript with Unicode tables) is loaded on the first regex this module
 * parses or compiles, not when the package is imported: a lint or unit test of rules without regex
 * matchers never loads it, which is most of `alertcraft lint`'s start-up on a small file. The load is
 * a synchronous `require` of re2js' CommonJS build, so every function here stays synchronous.
 */
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import { PromQLError } from './errors.js';

type Re2js = typeof import('re2js');
let engine: Re2js | undefined;

/** re2js, loaded on first use (see the module comment). */
function re2js(): Re2js {
  engine ??= createRequire(import.meta.url)('re2js') as Re2js;
  return engine;
}

/** A regex that RE2 rejects; `message` is Go's (`error parsing regexp: invalid repeat count: ...`). */
export class Re2SyntaxError extends PromQLError {
  readonly pattern: string;
  constructor(pattern: string, message: string, options?: { cause?: unknown }) {
    super('promql/bad-regex', message, options);
    this.name = 'Re2SyntaxError';
    this.pattern = pattern;
  }
}

/**
 * Who reads the pattern: Prometheus parses the pattern alone as well as anchored, so `a)(b` is an
 * error; Alertmanager (0.25–0.27 `labels.NewMatcher`) parses only `^(?:a)(b)$`, which is valid.
 */
export type Re2Dialect = 'prometheus' | 'alertmanager';

export interface Re2Options {
  /** `.` matches a newline too (promqltest's `expected_fail_regexp`). */
  dotAll?: boolean;
  /** Default `prometheus`. */
  dialect?: Re2Dialect;
}

/** An anchored RE2 regex; the program is compiled on first use. */
export interface Re2Matcher {
  readonly pattern: string;
  readonly dotAll: boolean;
  /** Whether the whole of `s` matches (`^(?:pattern)$`). */
  matches(s: string): boolean;
  /** The compiled anchored program, for submatches (`label_replace`). */
  program(): RE2JS;
}

const MAX_CACHE = 1000;
/** Per pattern: its syntax error, or the pattern re2js compiles (duplicate group names renamed). */
const syntaxCache = new Map<string, Re2SyntaxError | string>();
const matcherCache = new Map<string, Re2Matcher>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Go accepts repeated group names (`(?P<n>a)|(?P<n>b)`; `SubexpIndex` and `$n` use the leftmost),
 * re2js rejects them. Renames the second and later groups of a name (to names no template can mean
 * by accident) so re2js parses what Go parses; escapes, `\Q…\E` and character classes are skipped.
 */
function renameDuplicateGroups(pattern: string): string {
  const seen = new Set<string>();
  let out = '';
  let i = 0;
  let dup = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop;
      } else {
        out += pattern.slice(i, i + 2);
        i += 2;
      }
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') {
        if (pattern[j] === '\\') j++;
        else if (pattern.startsWith('[:', j)) {
          const close = pattern.indexOf(':]', j + 2);
          if (close >= 0) j = close + 1;
        }
        j++;
      }
      out += pattern.slice(i, j + 1);
      i = j + 1;
    } else if (pattern.startsWith('(?P<', i) || pattern.startsWith('(?<', i)) {
      const open = pattern.indexOf('<', i) + 1;
      const close = pattern.indexOf('>', open);
      if (close < 0) return pattern;
      const name = pattern.slice(open, close);
      out += `${pattern.slice(i, open) + (seen.has(name) ? `${name}__alertcraft_dup${++dup}` : name)}>`;
      seen.add(name);
      i = close + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function isDuplicateName(err: unknown): boolean {
  return err instanceof Error && err.message.includes('duplicate capture group name');
}

/** Parse (not compile) `pattern` as Go does; returns the pattern re2js should compile. */
function goParse(pattern: string, dialect: Re2Dialect): string {
  const attempt = (p: string): void => {
    // RE2Set.add parses and simplifies only (no program), so this is cheap for any size.
    const { RE2Set } = re2js();
    if (dialect === 'prometheus') new RE2Set(RE2Set.UNANCHORED).add(p);
    new RE2Set(RE2Set.UNANCHORED).add(`^(?:${p})$`);
  };
  try {
    attempt(pattern);
    return pattern;
  } catch (err) {
    if (!isDuplicateName(err)) throw err;
  }
  const renamed = renameDuplicateGroups(pattern);
  attempt(renamed);
  return renamed;
}

function messageOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.startsWith('error parsing regexp') ? msg : `error parsing regexp: ${msg}`;
}

/**
 * The syntax error RE2 reports for `pattern` (the user's pattern itself, as Go reports it), or
 * undefined when it is a valid RE2 regex. Never throws; cached.
 */
export function re2SyntaxError(pattern: string, opts: Pick<Re2Options, 'dialect'> = {}): Re2SyntaxError | undefined {
  const r = parsed(pattern, opts.dialect ?? 'prometheus');
  return typeof r === 'string' ? undefined : r;
}

function parsed(pattern: string, dialect: Re2Dialect): Re2SyntaxError | string {
  const key = dialect[0] + pattern;
  let r = syntaxCache.get(key);
  if (r === undefined) {
    try {
      r = goParse(pattern, dialect);
    } catch (cause) {
      r = new Re2SyntaxError(pattern, messageOf(cause), { cause });
    }
    remember(syntaxCache, key, r);
  }
  return r;
}

/**
 * Compile `pattern` as an anchored RE2 matcher; throws `Re2SyntaxError` (code `promql/bad-regex`)
 * when RE2 rejects it. The program itself is compiled lazily on the first match.
 */
export function compileRe2Matcher(pattern: string, opts: Re2Options = {}): Re2Matcher {
  const dotAll = opts.dotAll ?? false;
  const dialect = opts.dialect ?? 'prometheus';
  const key = (dotAll ? 's' : '-') + dialect[0] + pattern;
  const hit = matcherCache.get(key);
  if (hit) return hit;
  const source = parsed(pattern, dialect);
  if (typeof source !== 'string') throw source;
  let prog: RE2JS | undefined;
  const program = (): RE2JS => {
    if (!prog) {
      try {
        const { RE2JS } = re2js();
        prog = RE2JS.compile(`^(?:${source})$`, dotAll ? RE2JS.DOTALL : 0);
      } catch (cause) {
        throw new Re2SyntaxError(pattern, messageOf(cause), { cause });
      }
    }
    return prog;
  };
  const m: Re2Matcher = { pattern, dotAll, program, matches: (s) => program().matches(s) };
  return remember(matcherCache, key, m);
}

/** Empty the caches (for benchmarks that measure cold compilation). */
export function clearRe2Cache(): void {
  syntaxCache.clear();
  matcherCache.clear();
}
