/**
 * `pnpm bench:sloth`: Sloth's examples and ours in the rule engine on the same synthetic outages
 * (see `sloth-firing.ts`); prints when each SLO's page and ticket alerts first fire and resolve
 * (minutes after the outage starts and stops), the examples not run and why, and as its last line
 * one JSON object: {"rows": N, "agree": N, "differ": N}. `--only file,file` limits the examples.
 */
import { performance } from 'node:perf_hooks';
import { compareExample, formatTable, SLOTH_BURNS, SLOTH_EXAMPLES, type ComparisonRow } from './sloth-firing.js';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : undefined;
const t0 = performance.now();
const rows: ComparisonRow[] = [];
for (const ex of SLOTH_EXAMPLES) {
  if (only && !only.includes(ex.file)) continue;
  if (ex.skip) {
    console.log(`not run: ${ex.file}: ${ex.skip}`);
    continue;
  }
  if (ex.differs) console.log(`expected to differ: ${ex.file}: ${ex.differs}`);
  const t = performance.now();
  for (const burn of SLOTH_BURNS) rows.push(...compareExample(ex, burn));
  console.error(`${ex.file}: ${Math.round(performance.now() - t)} ms`);
}
console.log(formatTable(rows));
const agree = rows.filter((r) => r.agree).length;
console.log(`${rows.length} rows in ${Math.round(performance.now() - t0)} ms`);
console.log(JSON.stringify({ rows: rows.length, agree, differ: rows.length - agree }));
