import { describe, expect, it } from 'vitest';
import { fixtureResult } from '../../test/report/fixture.js';
import { replayTable } from '../cli/commands/replay.js';
import { renderReport } from '../report/render.js';
import { alertCounts, documentVerdict, runVerdict } from './verdict.js';

describe('one way to count alerts and to judge a run', () => {
  const doc = fixtureResult();

  it('the fixture has a pending-only alert, so firing and all alerts differ', () => {
    expect(doc.runs.some((r) => r.alerts.length !== alertCounts(r).firing)).toBe(true);
    expect(doc.runs.some((r) => alertCounts(r).pendingOnly > 0)).toBe(true);
  });

  it('the CLI replay table and the HTML report show the same firing and pending-only counts per run', () => {
    const table = replayTable(doc.runs);
    expect(table[0]).toMatch(/ firing +pending$/);
    const html = renderReport(doc);
    doc.runs.forEach((run, i) => {
      const { firing, pendingOnly } = alertCounts(run);
      const cells = table[i + 1]!.trim().split(/\s+/);
      expect(cells.slice(-2)).toEqual([String(firing), String(pendingOnly)]);
      expect(html).toContain(`<td class="num">${firing}</td><td class="num">${pendingOnly}</td></tr>`);
      expect(html).toContain(`${firing} alerts fired (${pendingOnly} more went pending only)`);
    });
  });

  it("the document verdict is the runs' verdicts: day8 misses an incident, so the document fails", () => {
    expect(doc.runs.map((r) => [r.phase, runVerdict(r).pass])).toEqual([
      ['day0', true],
      ['day8', false],
    ]);
    expect(documentVerdict(doc.runs)).toEqual({ result: 'fail', runs: 2, failing: 1 });
    expect(doc.verdict).toEqual(documentVerdict(doc.runs));
  });
});
