import { RE2JS } from 're2js';
import type { LabelMatcher } from '../ast.js';
import { PromQLEvalError } from '../errors.js';

/** A compiled label matcher: `matches(value)` where an absent label has the value "". */
export interface CompiledMatcher {
  name: string;
  op: LabelMatcher['op'];
  value: string;
  matches(value: string): boolean;
}

const cache = new Map<string, RE2JS>();

/**
 * Compiles an RE2 pattern fully anchored like Prometheus v2.54's `FastRegexMatcher`
 * (`^(?:pattern)$`, Perl flags: `.` does not match a newline; 3.x changed that). Throws
 * PromQLEvalError on a bad pattern.
 */
export function compileAnchoredRegex(pattern: string, dotAll = false): RE2JS {
  const key = (dotAll ? 's' : '-') + pattern;
  let re = cache.get(key);
  if (!re) {
    try {
      re = RE2JS.compile(`^(?:${pattern})$`, dotAll ? RE2JS.DOTALL : 0);
    } catch (err) {
      throw new PromQLEvalError(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`, {
        cause: err,
        code: 'promql/bad-regex',
      });
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** Compiles one matcher of a selector. */
export function compileMatcher(m: LabelMatcher): CompiledMatcher {
  switch (m.op) {
    case '=':
      return { ...m, matches: (v) => v === m.value };
    case '!=':
      return { ...m, matches: (v) => v !== m.value };
    case '=~': {
      const re = compileAnchoredRegex(m.value);
      return { ...m, matches: (v) => re.matches(v) };
    }
    case '!~': {
      const re = compileAnchoredRegex(m.value);
      return { ...m, matches: (v) => !re.matches(v) };
    }
  }
}
