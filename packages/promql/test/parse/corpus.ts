/**
 * The expression corpus shared by the differential test, the round-trip test and the parse
 * benchmark: every `eval` expression of upstream's promqltest files (read at run time from
 * ../shared/conformance, never copied), every seed expression (test/fixtures), and seeded
 * generated expressions, valid and invalid.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../../../../test-support/requirements.js';
import { format } from '../../src/format.js';
import { generateExpr, generateInvalidExpr } from '../../src/generate/generate-expr.js';
import { mulberry32, pick, randInt } from '../../src/generate/prng.js';

const here = dirname(fileURLToPath(import.meta.url));

export const CONFORMANCE_DIR = process.env.PROMQLTEST_DIR ?? join(sharedDir, 'conformance', 'promqltest-v2.54.1');

export interface CorpusEntry {
  /** Where it came from: `conformance/<file>:<line>`, `seed/<file>:<line>`, `generated/valid#n`, `generated/invalid#n`. */
  source: string;
  expr: string;
}

const EVAL_INSTANT = /^eval(?:_(?:fail|warn|ordered))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const EVAL_RANGE = /^eval(?:_(?:fail|warn))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

/** Every eval expression of the upstream promqltest files (empty when the directory is absent). */
export function conformanceExpressions(dir = CONFORMANCE_DIR): CorpusEntry[] {
  if (!existsSync(dir)) return [];
  const out: CorpusEntry[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.test'))
    .sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((raw, i) => {
      const l = raw.trim();
      if (!l.toLowerCase().startsWith('eval')) return;
      const m = EVAL_INSTANT.exec(l);
      const r = m ? undefined : EVAL_RANGE.exec(l);
      const expr = m ? m[2] : r?.[4];
      if (expr !== undefined) out.push({ source: `conformance/${file}:${i + 1}`, expr });
    });
  }
  return out;
}

/** The seed expressions of test/fixtures/seed-expressions.txt. */
export function seedExpressions(): CorpusEntry[] {
  const text = readFileSync(join(here, '..', 'fixtures', 'seed-expressions.txt'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const tab = l.indexOf('\t');
      return { source: `seed/${l.slice(0, tab)}`, expr: l.slice(tab + 1) };
    });
}

/** Hand-written edge cases (test/fixtures/edge-expressions.txt); lines starting `## ` are comments. */
export function edgeExpressions(): CorpusEntry[] {
  const text = readFileSync(join(here, '..', 'fixtures', 'edge-expressions.txt'), 'utf8');
  const out: CorpusEntry[] = [];
  text.split('\n').forEach((l, i) => {
    if (l.trim() === '' || l.startsWith('## ')) return;
    out.push({ source: `edge/edge-expressions.txt:${i + 1}`, expr: l });
  });
  return out;
}

/** Seeded generated expressions: `valid` well-typed ones, `invalid` rejected ones. */
export function generatedExpressions(valid: number, invalid: number, seed = 20240901): CorpusEntry[] {
  const rng = mulberry32(seed);
  const out: CorpusEntry[] = [];
  for (let i = 0; i < valid; i++)
    out.push({ source: `generated/valid#${i}`, expr: format(generateExpr(rng, { maxDepth: 4 })) });
  for (let i = 0; i < invalid; i++) out.push({ source: `generated/invalid#${i}`, expr: generateInvalidExpr(rng) });
  return out;
}

/** Token soup: random sequences of PromQL tokens, mostly invalid, that exercise odd corners of the grammar. */
const SOUP = [
  'x',
  'y:z',
  'sum',
  'topk',
  'count_values',
  'rate',
  'abs',
  'time',
  'vector',
  'scalar',
  'label_replace',
  '(',
  ')',
  '(',
  ')',
  '[5m]',
  '[5m:]',
  '[1h:1m]',
  '[',
  ']',
  ':',
  'offset',
  'offset -',
  '5m',
  '1',
  '0.5',
  '"a"',
  "'b'",
  '`c`',
  '{a="b"}',
  '{}',
  '{',
  '}',
  'a',
  '=',
  '=~',
  '!=',
  'by',
  'without',
  '(a)',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '==',
  '!=',
  '>',
  '<=',
  'and',
  'or',
  'unless',
  'atan2',
  '@',
  'start()',
  'end()',
  '100',
  ',',
  'Inf',
  'NaN',
  '#c\n',
  ' ',
];

export function tokenSoupExpressions(count: number, seed = 77): CorpusEntry[] {
  const rng = mulberry32(seed);
  const out: CorpusEntry[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let k = randInt(rng, 1, 9); k > 0; k--) s += pick(rng, SOUP) + (rng() < 0.5 ? ' ' : '');
    out.push({ source: `generated/soup#${i}`, expr: s.trim() });
  }
  return out;
}
