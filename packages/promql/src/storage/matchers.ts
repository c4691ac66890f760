import type { LabelMatcher } from '../ast.js';
import { PromQLEvalError } from '../errors.js';
import { compileRe2Matcher, Re2SyntaxError, type Re2Matcher } from '../re2.js';

/** A compiled label matcher: `matches(value)` where an absent label has the value "". */
export interface CompiledMatcher {
  name: string;
  op: LabelMatcher['op'];
  value: string;
  matches(value: string): boolean;
}

/**
 * Compiles an RE2 pattern fully anchored like Prometheus v2.54's `FastRegexMatcher`
 * (`^(?:pattern)$`, Perl flags: `.` does not match a newline; 3.x changed that). Throws
 * PromQLEvalError (code `promql/bad-regex`) on a bad pattern.
 */
export function compileAnchoredRegex(pattern: string, dotAll = false): Re2Matcher {
  try {
    return compileRe2Matcher(pattern, { dotAll });
  } catch (err) {
    if (!(err instanceof Re2SyntaxError)) throw err;
    throw new PromQLEvalError(`invalid regular expression ${JSON.stringify(pattern)}: ${err.message}`, {
      cause: err,
      code: 'promql/bad-regex',
    });
  }
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
