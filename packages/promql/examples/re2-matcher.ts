// Regex label matchers with Prometheus' semantics: RE2, fully anchored, `.` not matching a newline.
import { compileRe2Matcher, re2SyntaxError } from '@alertcraft/promql';

export function matchesLabel(pattern: string, value: string): boolean | string {
  const err = re2SyntaxError(pattern);
  if (err) return err.message; // Go's message, e.g. for lookaheads, which RE2 does not have
  return compileRe2Matcher(pattern).matches(value);
}

console.log(matchesLabel('5..', '503')); // true
console.log(matchesLabel('5..', '5030')); // false: anchored as ^(?:5..)$
console.log(matchesLabel('(?=5)5..', '503')); // error parsing regexp: invalid or unsupported Perl syntax: `(?=`
