/**
 * Modules the packages require() lazily (re2js on the first regex, ajv on the first PrometheusRule,
 * jsonc-parser on a JSON syntax error V8 gives no position for)
 * are left out of the bundled CLI, so the built command must find them among the harness' own
 * dependencies, from any directory. Checked on harness/bin/alertcraft.js, what users run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test-support/requirements.js';

const bin = join(repoRoot, 'harness/bin/alertcraft.js');
const dir = mkdtempSync(join(tmpdir(), 'alertcraft-lazy-requires-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built CLI resolves its lazily required modules', () => {
  it('emits a PrometheusRule (ajv validates it) outside the repository', () => {
    expect(existsSync(join(repoRoot, 'harness/dist/cli/main.js')), 'run the install or `pnpm build` first').toBe(true);
    const r = spawnSync(
      process.execPath,
      [bin, 'emit', '--pack', 'ga-launch', '--format', 'prometheus-rule', '--out', 'out'],
      { encoding: 'utf8', cwd: dir },
    );
    expect(r.stderr).not.toContain('Cannot find module');
    expect(r.status, r.stderr).toBe(0);
    const written = join(dir, 'out', 'ga-launch-ga.prometheusrule.yaml');
    expect(r.stdout.trim()).toBe(join('out', 'ga-launch-ga.prometheusrule.yaml'));
    expect(readFileSync(written, 'utf8')).toMatch(/^kind: PrometheusRule$/m);
  });

  it('lints the PrometheusRule it wrote', () => {
    const r = spawnSync(process.execPath, [bin, 'lint', join(dir, 'out', 'ga-launch-ga.prometheusrule.yaml')], {
      encoding: 'utf8',
      cwd: dir,
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('locates a JSON syntax error (jsonc-parser finds where) outside the repository', () => {
    writeFileSync(join(dir, 'broken.json'), '{"title": "x",\n "panels": ]\n}\n');
    const r = spawnSync(process.execPath, [bin, 'grafana', 'validate', 'broken.json'], { encoding: 'utf8', cwd: dir });
    expect(r.stderr).not.toContain('Cannot find module');
    expect(r.stderr.trim()).toBe("alertcraft grafana: broken.json:2:12: invalid JSON: Unexpected token ']'");
    expect(r.status).toBe(2);
  });
});
