/**
 * The bundled CLI loads re2js (270 kB, most of `lint`'s start-up on a small file) only when a rule
 * file has a regex to parse: checked on the built command (harness/bin/alertcraft.js, what users
 * run), by asking Node at exit which CommonJS modules it loaded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test-support/requirements.js';

const bin = join(repoRoot, 'harness/bin/alertcraft.js');
// Prints, at exit, whether re2js is among the modules required so far (it is loaded with require()).
const probe = `data:text/javascript,${encodeURIComponent(
  "import m from 'node:module'; process.on('exit', () => process.stderr.write('re2js loaded: ' + Object.keys(m._cache).some((k) => /[\\\\/]re2js[\\\\/]/.test(k)) + '\\n'));",
)}`;
const dir = mkdtempSync(join(tmpdir(), 'alertcraft-lazy-regex-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(expr: string): { status: number | null; out: string } {
  const file = join(dir, 'rules.yaml');
  writeFileSync(file, `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: '${expr}'\n        for: 5m\n`);
  const r = spawnSync(process.execPath, ['--import', probe, bin, 'lint', file], { encoding: 'utf8', cwd: dir });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('alertcraft lint loads re2js lazily', () => {
  it('is built (the install builds it)', () => {
    expect(existsSync(join(repoRoot, 'harness/dist/cli/main.js')), 'run the install or `pnpm build` first').toBe(true);
  });

  it('does not inline re2js in the bundle (it would be evaluated with the chunk that holds it)', () => {
    const cli = join(repoRoot, 'harness/dist/cli');
    const inlining = readdirSync(cli).filter(
      (f) => f.endsWith('.js') && readFileSync(join(cli, f), 'utf8').includes('RE2JS'),
    );
    // Only promql's re2.ts, which names the class in its lazy loader, may mention it, never its code.
    for (const f of inlining)
      expect(readFileSync(join(cli, f), 'utf8'), f).not.toMatch(/\bRE2JS\w* = class\b|class RE2JS\b/);
  });

  it('does not load re2js for a file without regexes', () => {
    const r = lint('up{job="api"} == 0');
    expect(r.out).toContain('0 errors');
    expect(r.out).toContain('re2js loaded: false');
  });

  it('loads it for a regex matcher, and still reports a bad regex where it is', () => {
    expect(lint('up{job=~"api|web"} == 0').out).toContain('re2js loaded: true');
    const bad = lint('up{job=~"a(("} == 0');
    expect(bad.status).toBe(1);
    expect(bad.out).toMatch(/rules\.yaml:5:\d+ error promql\/parse error parsing regexp: missing closing \)/);
    expect(bad.out).toContain('re2js loaded: true');
  });
});
