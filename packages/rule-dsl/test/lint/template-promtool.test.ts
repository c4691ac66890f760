/**
 * Template checks against the real tool: every fixture in test/fixtures/templates/ (the template
 * cases of Prometheus' rulefmt tests, TestTemplateParsing and testdata/test.yaml, recreated, plus
 * our own) is checked by `promtool check rules` and by lint; the two must agree on accept/reject,
 * on the label/annotation at fault and on the template line Go reports. Nothing here says which
 * fixture should fail: promtool decides.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { needBinary, PROMTOOL_HINT } from '../../../../test-support/requirements.js';
import { lintFile } from '../../src/lint/lint-file.js';

const DIR = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);
if (!promtool.ok) console.warn(`skipping promtool template agreement: ${promtool.reason}`);
const run = promisify(execFile);

async function promtoolVerdict(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const r = await run(promtool.value!, ['check', 'rules', file], { cwd: DIR });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe.skipIf(!promtool.ok)('lint and promtool check rules agree on alert templates', () => {
  const verdicts: Array<{ file: string; promtool: boolean }> = [];

  for (const file of FILES) {
    it(file, async () => {
      const text = readFileSync(`${DIR}${file}`, 'utf8');
      const tool = await promtoolVerdict(file);
      const diags = lintFile(text, file).filter((d) => d.code === 'lint/template-parse');
      verdicts.push({ file, promtool: tool.ok });
      expect(
        diags.length === 0,
        `promtool ${tool.ok ? 'accepts' : 'rejects'} ${file}; lint: ${diags.map((d) => d.message).join(' | ') || 'nothing'}\n${tool.output}`,
      ).toBe(tool.ok);
      if (tool.ok) return;
      // promtool: `... annotation "summary": template: __alert_X:2: undefined variable "$x"`
      const m = /(label|annotation) "([^"]+)": template: (__alert_[^:]+):(\d+): (.*)/.exec(tool.output);
      expect(m, tool.output).not.toBeNull();
      const [, kind, key, name, line] = m!;
      const d = diags[0];
      expect(d.severity).toBe('error');
      expect(d.path.endsWith(`.${kind === 'label' ? 'labels' : 'annotations'}.${key}`)).toBe(true);
      expect(d.message).toContain(`template: ${name}:${line}:`);
      // file:line:col points at the offending template text
      const fileLine = text.split('\n')[d.line! - 1]!;
      expect(fileLine.slice(d.column! - 1).length).toBeGreaterThan(0);
      expect(fileLine).toContain('{{');
    });
  }

  it('the fixtures exercise both verdicts', () => {
    expect(verdicts.filter((v) => v.promtool).length).toBeGreaterThanOrEqual(5);
    expect(verdicts.filter((v) => !v.promtool).length).toBeGreaterThanOrEqual(5);
  });
});
