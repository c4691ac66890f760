import { RuleDslInputError } from '../errors.js';

export type AmMatchOp = '=' | '!=' | '=~' | '!~';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A new-style Alertmanager matcher string, value quoted and escaped: `matcher('severity', '=', 'critical')` gives `severity="critical"`. */
export function matcher(name: string, op: AmMatchOp, value: string): string {
  if (!LABEL_NAME.test(name))
    throw new RuleDslInputError(
      `invalid label name ${JSON.stringify(name)} in matcher: label names match [a-zA-Z_][a-zA-Z0-9_]*`,
    );
  return `${name}${op}${JSON.stringify(value)}`;
}

/** Equality matchers from a record, keys sorted: `matchers({ severity: 'critical', impact: 'revenue' })`. */
export function matchers(eq: Record<string, string>): string[] {
  return Object.keys(eq)
    .sort()
    .map((k) => matcher(k, '=', eq[k]!));
}

export interface ParsedMatcher {
  name: string;
  op: AmMatchOp;
  value: string;
}

const MATCHER_RE = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/s;

/**
 * Parse one matcher string as Alertmanager does (`name op value`, the value optionally
 * double-quoted with escapes). Returns undefined when it is not a matcher.
 */
export function parseMatcher(s: string): ParsedMatcher | undefined {
  const m = MATCHER_RE.exec(s);
  if (!m) return undefined;
  let value = m[3]!;
  if (value.startsWith('"')) {
    if (!value.endsWith('"') || value.length < 2) return undefined;
    try {
      value = JSON.parse(value) as string;
    } catch {
      return undefined;
    }
  } else if (/["{},]/.test(value)) return undefined;
  return { name: m[1]!, op: m[2] as AmMatchOp, value };
}

/** Convert deprecated `match` / `match_re` maps to new-style matcher strings. */
export function matchersFromLegacy(match: Record<string, string> = {}, matchRe: Record<string, string> = {}): string[] {
  return [
    ...Object.keys(match)
      .sort()
      .map((k) => matcher(k, '=', match[k]!)),
    ...Object.keys(matchRe)
      .sort()
      .map((k) => matcher(k, '=~', matchRe[k]!)),
  ];
}
