/**
 * Detects syntax and functions of Prometheus v2.54.1 that the Debian promtool (v2.42) does not
 * have, so the differential test can tell expected disagreements from bugs. Feature names and
 * reasons are listed in test/fixtures/newer-than-2.42.txt.
 */
import { FUNCTIONS_NEWER_THAN_2_42 } from '../../src/functions.js';
import { lex } from '../../src/parser/lexer.js';
import type { TokenType } from '../../src/parser/tokens.js';

export type NewerFeature =
  | 'number-as-duration'
  | 'duration-as-number'
  | 'number-underscore'
  | 'quoted-label-name'
  | 'new-function'
  | 'hex-exponent-lexing';

/** Tokens after which `offset` is a modifier rather than a metric name. */
const ENDS_OPERAND = new Set<TokenType>([
  'IDENTIFIER',
  'METRIC_IDENTIFIER',
  'RIGHT_BRACE',
  'RIGHT_BRACKET',
  'RIGHT_PAREN',
  'AGGREGATOR',
  'BY',
  'WITHOUT',
  'LAND',
  'LOR',
  'LUNLESS',
  'OFFSET',
  'START',
  'END',
]);

export function newerFeatures(expr: string): NewerFeature[] {
  const found = new Set<NewerFeature>();
  const toks = lex(expr);
  let inBraces = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = toks[i - 1]?.type;
    if (t.type === 'LEFT_BRACE') inBraces = true;
    if (t.type === 'RIGHT_BRACE') inBraces = false;
    const offsetAt = (k: number): boolean => toks[k]?.type === 'OFFSET' && k > 0 && ENDS_OPERAND.has(toks[k - 1]!.type);
    const durationPosition =
      prev === 'LEFT_BRACKET' || prev === 'COLON' || offsetAt(i - 1) || (prev === 'SUB' && offsetAt(i - 2));
    if (t.type === 'NUMBER' && durationPosition) found.add('number-as-duration');
    if (t.type === 'DURATION' && !durationPosition) found.add('duration-as-number');
    if (t.type === 'NUMBER' && t.val.includes('_')) found.add('number-underscore');
    if (t.type === 'STRING' && inBraces && (prev === 'LEFT_BRACE' || prev === 'COMMA')) found.add('quoted-label-name');
    if (t.type === 'IDENTIFIER' && toks[i + 1]?.type === 'LEFT_PAREN' && FUNCTIONS_NEWER_THAN_2_42.has(t.val))
      found.add('new-function');
  }
  if (/0[xX][0-9a-fA-F_]*[eE]/.test(expr)) found.add('hex-exponent-lexing');
  return [...found].sort();
}
