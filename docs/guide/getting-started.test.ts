/**
 * The getting-started guide's files and commands: the pack emits rule files that lint clean and
 * pass the unit tests (on the embedded engine, and on promtool when it is installed), every
 * `npx alertcraft …` / `npx tsx …` line of the guide and of the two CI examples names a command or
 * file that exists, and every `pnpm` script the CI examples run is a root script.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readYaml } from '../../packages/promql/src/yaml/reader.js';
import { commands } from '../../harness/src/cli/commands.js';
import { main } from '../../harness/src/cli/main.js';
import { needBinary, PROMTOOL_HINT } from '../../test-support/requirements.js';
import { emitOrders } from './examples/emit-orders.js';

/** A CI file as plain data, read with the repository's one YAML reader. */
function parse(text: string): unknown {
  const src = readYaml(text);
  if (src.errors.length) throw new Error(`malformed YAML: ${src.errors[0]!.message}`);
  return src.documents[0]!.toJS();
}

const here = new URL('.', import.meta.url).pathname;
const examples = join(here, 'examples');
const root = join(here, '../..');
const promtool = needBinary('local', ['promtool'], PROMTOOL_HINT);

async function cli(argv: string[], cwd: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd });
  return { code, out, err };
}

/** The shell commands of a markdown file's `sh` blocks, and of a CI file's run/script entries. */
function guideCommands(): string[] {
  const md = readFileSync(join(here, 'getting-started.md'), 'utf8');
  return [...md.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((m) => m[1]!.split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}
function ciCommands(file: string): string[] {
  const doc = parse(readFileSync(join(examples, file), 'utf8')) as Record<
    string,
    { steps?: { run?: string }[]; script?: string[] }
  >;
  if (file.startsWith('github'))
    return Object.values((doc as { jobs: typeof doc }).jobs).flatMap((j) =>
      (j.steps ?? []).flatMap((s) => (s.run ? [s.run] : [])),
    );
  return Object.values(doc).flatMap((j) => (Array.isArray(j?.script) ? j.script : []));
}

describe('getting started', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alertcraft-guide-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(join(examples, 'orders.test.yaml'), join(dir, 'orders.test.yaml'));
  const files = emitOrders(join(dir, 'out'));

  it('emits one rule file per phase, and lint finds no error or warning in them', async () => {
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'out/orders-day0.rules.yaml',
      'out/orders-day8.rules.yaml',
    ]);
    const r = await cli(['lint', 'out/orders-day0.rules.yaml', 'out/orders-day8.rules.yaml'], dir);
    expect(r.err).toEqual(['2 files linted: 0 errors, 0 warnings, 0 info']);
    expect(r.code).toBe(0);
  });

  it('the unit tests pass on the embedded engine', async () => {
    const r = await cli(['test', 'orders.test.yaml'], dir);
    expect(r.out.join('\n')).toContain('SUCCESS');
    expect(r.code).toBe(0);
  });

  it.skipIf(!promtool.ok)('promtool accepts the rule files and passes the same unit tests', async () => {
    const run = promisify(execFile);
    for (const f of files)
      expect((await run(promtool.value!, ['check', 'rules', f])).stdout).toContain('SUCCESS: 2 rules found');
    expect((await run(promtool.value!, ['test', 'rules', 'orders.test.yaml'], { cwd: dir })).stdout).toContain(
      'SUCCESS',
    );
  });

  const scripts = Object.keys(
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
  );
  const names = commands.map((c) => c.name);
  const checkCommand = (line: string, cwd: string): string | undefined => {
    let m;
    if ((m = /^npx alertcraft (\S+)/.exec(line)))
      return names.includes(m[1]!) || m[1] === '--help' ? undefined : `unknown alertcraft command '${m[1]}'`;
    if ((m = /^npx tsx (\S+)/.exec(line))) return existsSync(join(cwd, m[1]!)) ? undefined : `no file ${m[1]}`;
    if ((m = /^npx -y pnpm@10\.34\.9 (?:run )?(\S+)/.exec(line))) {
      return ['install', 'exec', '-r'].includes(m[1]!) || scripts.includes(m[1]!)
        ? undefined
        : `no root script '${m[1]}'`;
    }
    if ((m = /^npm install (.+)$/.exec(line)))
      return /alertcraft-[a-z-]+-0\.0\.0\.tgz/.test(m[1]!)
        ? undefined
        : 'npm install of something other than a packed tarball';
    if ((m = /^cd (\S+)$/.exec(line))) return undefined;
    return `not a command this test knows: ${line}`;
  };

  it('every command of the guide names a command or file that exists', () => {
    const lines = guideCommands();
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.map((l) => checkCommand(l, examples)).filter(Boolean)).toEqual([]);
  });

  for (const file of ['github-actions.yml', 'gitlab-ci.yml']) {
    it(`${file}: parses, and every command it runs exists (from the directory it runs in)`, () => {
      const lines = ciCommands(file);
      expect(lines).toContain('npx -y pnpm@10.34.9 install');
      expect(lines.some((l) => l.startsWith('npx alertcraft test'))).toBe(true);
      let cwd = root;
      const problems: string[] = [];
      const doc = parse(readFileSync(join(examples, file), 'utf8')) as {
        jobs?: Record<string, { steps: { run?: string; 'working-directory'?: string }[] }>;
      };
      const wd = new Map(
        (doc.jobs ? Object.values(doc.jobs).flatMap((j) => j.steps) : [])
          .filter((s) => s.run)
          .map((s) => [s.run!, s['working-directory']]),
      );
      for (const line of lines) {
        const cd = /^cd (\S+)$/.exec(line);
        if (cd) cwd = join(cwd, cd[1]!);
        const at = wd.get(line) ? join(root, wd.get(line)!) : cwd;
        if (!existsSync(at)) problems.push(`${line}: no directory ${at}`);
        const p = checkCommand(line, at);
        if (p) problems.push(`${line}: ${p}`);
      }
      expect(problems).toEqual([]);
    });

    it(`${file}: its replay step passes (a CI example must not fail out of the box)`, async () => {
      const line = ciCommands(file).find((l) => l.startsWith('npx alertcraft replay '));
      expect(line, 'the example replays a pack').toBeDefined();
      const dir = mkdtempSync(join(tmpdir(), 'alertcraft-ci-example-'));
      try {
        const r = await cli(line!.slice('npx alertcraft '.length).split(/\s+/), dir);
        expect(r.code, r.err.join('\n')).toBe(0);
        expect(existsSync(join(dir, 'out/result.json'))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});
