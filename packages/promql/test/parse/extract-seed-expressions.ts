/**
 * Extracts every PromQL expression from the seed documents into
 * `test/fixtures/seed-expressions.txt`, one per line as `<seed file>:<line>\t<expression>`.
 *
 * Sources: YAML `expr:` values (inline or block scalars), JSON `"expr": "..."` strings and
 * anomaly-detector `metric:` values that are PromQL. Block scalars are joined into one line after
 * removing `#` comments (PromQL comments run to the end of the line). Helm-style placeholders
 * (`{{ .Values.x * 1.5 }}`) become the product of the numbers they contain (1 when none), so
 * `{{ .Values.baselines.error_rate.p95 * 1.5 }}` becomes `1.5`.
 *
 * Run: node --import tsx packages/promql/test/parse/extract-seed-expressions.ts [seedsDir]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../../../../test-support/requirements.js';

const here = dirname(fileURLToPath(import.meta.url));
const seedsDir = process.argv[2] ?? join(sharedDir, 'seeds');
const out = join(here, '..', 'fixtures', 'seed-expressions.txt');

function replacePlaceholders(s: string): string {
  return s.replace(/\{\{([^}]*)\}\}/g, (_m, inner: string) => {
    const nums = inner.split(/[\s*]+/).filter((t) => /^\d+(?:\.\d+)?$/.test(t));
    const product = nums.reduce((p, n) => p * Number(n), 1);
    return String(Number(product.toPrecision(12)));
  });
}

/** Remove a `#` comment that is outside quotes. */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

function unquoteYamlScalar(v: string): string {
  const t = v.trim();
  if (t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replaceAll("''", "'");
  if (t.startsWith('"') && t.endsWith('"')) return JSON.parse(t) as string;
  return t;
}

const results: string[] = [];
for (const file of readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const lines = readFileSync(join(seedsDir, file), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const json = line.match(/"expr"\s*:\s*("(?:[^"\\]|\\.)*")/);
    if (json) {
      results.push(`${file}:${i + 1}\t${replacePlaceholders(JSON.parse(json[1]!) as string)}`);
      continue;
    }
    const yaml = line.match(/^(\s*)(?:-\s+)?(expr|metric):\s*(.*)$/);
    if (!yaml) continue;
    const indent = yaml[1]!.length;
    const value = yaml[3]!;
    if (yaml[2] === 'metric' && !value.includes('(')) continue;
    if (value === '|' || value === '>' || value === '|-' || value === '>-') {
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (l.trim() === '') continue;
        if (l.length - l.trimStart().length <= indent) break;
        body.push(stripComment(l).trim());
      }
      results.push(`${file}:${i + 1}\t${replacePlaceholders(body.filter(Boolean).join(' '))}`);
      i = j - 1;
    } else if (value.trim() !== '') {
      results.push(`${file}:${i + 1}\t${replacePlaceholders(unquoteYamlScalar(stripComment(value)))}`);
    }
  }
}
writeFileSync(out, `${results.join('\n')}\n`);
console.log(`wrote ${results.length} expressions to ${out}`);
