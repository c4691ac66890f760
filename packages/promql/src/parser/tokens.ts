/**
 * Token kinds of the PromQL lexer. They mirror the item types of Prometheus v2.54.1's
 * `promql/parser/lex.go` so that acceptance and error wording follow Prometheus.
 */
export type TokenType =
  | 'EOF'
  | 'ERROR'
  | 'IDENTIFIER'
  | 'METRIC_IDENTIFIER'
  | 'NUMBER'
  | 'DURATION'
  | 'STRING'
  | 'LEFT_PAREN'
  | 'RIGHT_PAREN'
  | 'LEFT_BRACE'
  | 'RIGHT_BRACE'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'COMMA'
  | 'COLON'
  | 'EQL'
  // operators
  | 'ADD'
  | 'SUB'
  | 'MUL'
  | 'DIV'
  | 'MOD'
  | 'POW'
  | 'EQLC'
  | 'NEQ'
  | 'LTE'
  | 'LSS'
  | 'GTE'
  | 'GTR'
  | 'EQL_REGEX'
  | 'NEQ_REGEX'
  | 'AT'
  | 'LAND'
  | 'LOR'
  | 'LUNLESS'
  | 'ATAN2'
  // aggregators
  | 'AGGREGATOR'
  // keywords
  | 'OFFSET'
  | 'BY'
  | 'WITHOUT'
  | 'ON'
  | 'IGNORING'
  | 'GROUP_LEFT'
  | 'GROUP_RIGHT'
  | 'BOOL'
  // preprocessors
  | 'START'
  | 'END';

export interface Token {
  type: TokenType;
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset after the last character. */
  end: number;
  /** Source text of the token (for ERROR tokens: the error message). */
  val: string;
}

/** Keywords, matched case-insensitively like Prometheus. `inf`/`nan` lex as numbers. */
export const KEYWORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['and', 'LAND'],
  ['or', 'LOR'],
  ['unless', 'LUNLESS'],
  ['atan2', 'ATAN2'],
  ['sum', 'AGGREGATOR'],
  ['avg', 'AGGREGATOR'],
  ['count', 'AGGREGATOR'],
  ['min', 'AGGREGATOR'],
  ['max', 'AGGREGATOR'],
  ['group', 'AGGREGATOR'],
  ['stddev', 'AGGREGATOR'],
  ['stdvar', 'AGGREGATOR'],
  ['topk', 'AGGREGATOR'],
  ['bottomk', 'AGGREGATOR'],
  ['count_values', 'AGGREGATOR'],
  ['quantile', 'AGGREGATOR'],
  ['limitk', 'AGGREGATOR'],
  ['limit_ratio', 'AGGREGATOR'],
  ['offset', 'OFFSET'],
  ['by', 'BY'],
  ['without', 'WITHOUT'],
  ['on', 'ON'],
  ['ignoring', 'IGNORING'],
  ['group_left', 'GROUP_LEFT'],
  ['group_right', 'GROUP_RIGHT'],
  ['bool', 'BOOL'],
  ['start', 'START'],
  ['end', 'END'],
  ['inf', 'NUMBER'],
  ['nan', 'NUMBER'],
]);

const OPERATORS = new Set<TokenType>([
  'ADD',
  'SUB',
  'MUL',
  'DIV',
  'MOD',
  'POW',
  'EQLC',
  'NEQ',
  'LTE',
  'LSS',
  'GTE',
  'GTR',
  'EQL_REGEX',
  'NEQ_REGEX',
  'AT',
  'LAND',
  'LOR',
  'LUNLESS',
  'ATAN2',
]);
const KEYWORD_TYPES = new Set<TokenType>([
  'OFFSET',
  'BY',
  'WITHOUT',
  'ON',
  'IGNORING',
  'GROUP_LEFT',
  'GROUP_RIGHT',
  'BOOL',
]);
const PUNCTUATION = new Set<TokenType>([
  'LEFT_PAREN',
  'RIGHT_PAREN',
  'LEFT_BRACE',
  'RIGHT_BRACE',
  'LEFT_BRACKET',
  'RIGHT_BRACKET',
  'COMMA',
  'COLON',
  'EQL',
  'START',
  'END',
]);

/** Go's `%q` of a short string (enough for token descriptions). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's `%.10q...` for values longer than 10 characters, else `%q`. */
function shortQuote(v: string): string {
  const chars = [...v];
  return chars.length > 10 ? `${goQuote(chars.slice(0, 10).join(''))}...` : goQuote(v);
}

/** How Prometheus names a token in "unexpected ..." messages. */
export function describeToken(t: Token): string {
  switch (t.type) {
    case 'EOF':
      return 'end of input';
    case 'ERROR':
      return t.val;
    case 'IDENTIFIER':
      return `identifier ${goQuote(t.val)}`;
    case 'METRIC_IDENTIFIER':
      return `metric identifier ${goQuote(t.val)}`;
    case 'NUMBER':
      return `number ${shortQuote(t.val)}`;
    case 'DURATION':
      return `duration ${shortQuote(t.val)}`;
    case 'STRING':
      return `string ${shortQuote(t.val)}`;
    case 'AGGREGATOR':
      return `<aggr:${t.val}>`;
    default:
      if (OPERATORS.has(t.type)) return `<op:${t.val}>`;
      if (KEYWORD_TYPES.has(t.type)) return `<${t.val}>`;
      if (PUNCTUATION.has(t.type)) return goQuote(t.val);
      return goQuote(t.val);
  }
}
