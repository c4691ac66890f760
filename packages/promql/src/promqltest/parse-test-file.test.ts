import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePromqlTestFile, PromqlTestFileError, runPromqlTestFile } from '@alertcraft/promql';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/conformance/fixtures/${name}`, import.meta.url), 'utf8');

function fileError(text: string): PromqlTestFileError {
  try {
    runPromqlTestFile(parsePromqlTestFile(text, 'x.test'));
  } catch (err) {
    expect(err).toBeInstanceOf(PromqlTestFileError);
    return err as PromqlTestFileError;
  }
  throw new Error('expected a PromqlTestFileError');
}

describe('promqltest files', () => {
  it('parses load, eval variants and expectations', () => {
    const t = parsePromqlTestFile(fixture('passing.test'), 'passing.test');
    const kinds = t.commands.map((c) =>
      c.kind === 'eval'
        ? `${c.range ? 'range' : 'instant'}${c.fail ? '-fail' : ''}${c.ordered ? '-ordered' : ''}@${c.line}`
        : c.kind,
    );
    expect(kinds).toEqual([
      'load',
      'instant@8',
      'instant@12',
      'instant-ordered@15',
      'range@20',
      'instant@23',
      'instant-fail@26',
    ]);
    const range = t.commands[4]!;
    expect(range.kind === 'eval' && [range.startMs, range.endMs, range.stepMs]).toEqual([0, 240_000, 60_000]);
  });

  it('runs our own cases', () => {
    const r = runPromqlTestFile(parsePromqlTestFile(fixture('passing.test'), 'passing.test'));
    expect(r.cases.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(r.passed).toBe(6);
  });

  it('reports a failing case with its line and reason', () => {
    const r = runPromqlTestFile(parsePromqlTestFile(fixture('failing.test'), 'failing.test'));
    expect(r.cases.map((c) => [c.line, c.status])).toEqual([
      [4, 'failed'],
      [7, 'passed'],
    ]);
    expect(r.cases[0]!.reason).toBe('expected 1 for up{job="api"} but got 0');
  });

  it('rejects unusable files with file:line, never crashing', () => {
    expect(fileError(fixture('malformed.test')).message).toBe('x.test:7: invalid command "frobnicate this please"');
    expect(fileError(fixture('bad-series.test')).message).toMatch(/^x\.test:2: expected "," or "}"/);
    expect(fileError('load 1x\n  up 1\n').message).toMatch(/^x\.test:1: invalid step definition "1x"/);
    expect(fileError('eval instant at 5q up\n').message).toMatch(/^x\.test:1: invalid timestamp definition/);
    expect(fileError('eval range from 10m to 5m step 1m up\n').message).toMatch(
      /^x\.test:1: invalid test definition, end timestamp/,
    );
    expect(fileError('eval instant at 1m up\n  up 1 2\n').message).toMatch(
      /^x\.test:2: .*expecting multiple values in instant evaluation not allowed/,
    );
    expect(fileError('load 1m\n  up 2 1\n  up{a="b"} 1 bad\n').line).toBe(3);
  });

  it('counts an unparsable expression as a failed case, not a crash', () => {
    const r = runPromqlTestFile(parsePromqlTestFile('load 1m\n  up 1\n\neval instant at 1m sum(\n  {} 1\n', 'x.test'));
    expect(r.failed).toBe(1);
    expect(r.cases[0]!.reason).toMatch(/^parse error/);
  });

  it('skips cases that need native histograms, with the reason', () => {
    const r = runPromqlTestFile(
      parsePromqlTestFile(
        'load 1m\n  h {{schema:0 sum:1 count:1}}\n  f 1\n\neval instant at 1m h\n  {} 1\n\neval instant at 1m f\n  f 1\n',
        'x.test',
      ),
    );
    expect(r.cases.map((c) => c.status)).toEqual(['skipped', 'passed']);
    expect(r.cases[0]!.reason).toMatch(/native histograms \(loaded at line 2\)/);
  });
});
