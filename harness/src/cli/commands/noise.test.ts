import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureResult } from '../../../test/report/fixture.js';
import { stringifyResult } from '../../result/io.js';
import { runVerdict } from '../../result/verdict.js';
import { main } from '../main.js';

const dir = mkdtempSync(join(tmpdir(), 'alertcraft-noise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), cwd: dir, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('alertcraft noise', () => {
  const doc = fixtureResult();
  writeFileSync(join(dir, 'r.json'), stringifyResult(doc));

  it('prints the measures and unexplained firings of every run; exit code follows the budgets', async () => {
    const r = await cli('noise', '--run', 'r.json');
    const over = doc.runs.some((x) => runVerdict(x).overBudget.length > 0);
    expect(r.code).toBe(over ? 1 : 0);
    for (const run of doc.runs) expect(r.out).toContain(`${run.pack} ${run.phase} (`);
    expect(r.out).toMatch(/false positives .* pages .*\/day/);
    expect((r.out.match(/unexplained: /g) ?? []).length).toBe(doc.runs.reduce((s, x) => s + x.kpis.falsePositives, 0));
  });

  it('--json gives the same counts as the result', async () => {
    const r = await cli('noise', '--run', 'r.json', '--json');
    const j = JSON.parse(r.out) as { measures: { kpis: { falsePositives: number } } }[];
    expect(j.map((x) => x.measures.kpis.falsePositives)).toEqual(doc.runs.map((x) => x.kpis.falsePositives));
  });

  it('bad input: no --run, a missing file, a non-result', async () => {
    expect((await cli('noise')).code).toBe(2);
    expect((await cli('noise', '--run', 'nope.json')).code).toBe(2);
    writeFileSync(join(dir, 'bad.json'), '{"format":"x"}');
    const bad = await cli('noise', '--run', 'bad.json');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.json/);
  });
});
