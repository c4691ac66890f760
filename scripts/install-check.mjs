#!/usr/bin/env node
// Installs the packages as a user would: packs every workspace package (`pnpm -r pack`), installs
// the tarballs with npm into an empty project on Node 20 (this node) and on Node 24 (the npm
// registry's `node` package, `npx -y -p node@24`), and checks, on each:
//   - npm printed no warning (no EBADENGINE, nothing deprecated) and no installed package has an
//     install script (preinstall/install/postinstall);
//   - the README's short example (its `ts` block, types stripped with TypeScript) prints the rule file;
//   - require() fails with ERR_PACKAGE_PATH_NOT_EXPORTED, as the READMEs say (ESM only);
//   - the harness (the embedded path: no optional peers) installs the same way and its `alertcraft`
//     bin runs `--version` and `lint`. While the harness still lists testcontainers as a dependency
//     (issue #11 item 1 makes it an optional peer) that part is reported as not checked.
// Needs the packages built (dist/). Usage: node scripts/install-check.mjs [--node 20|24 ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const wanted = args.includes('--node') ? args.filter((_, i) => args[i - 1] === '--node') : ['20', '24'];
const failures = [];
const fail = (msg) => {
  failures.push(msg);
  console.log(`  FAIL ${msg}`);
};
const ok = (msg) => console.log(`  ok   ${msg}`);

/**
 * The environment a user's shell would give npm: without the `npm_config_*` / `npm_package_*` /
 * `npm_lifecycle_*` variables that `pnpm test` (which runs this script) sets for its own child
 * processes; npm would warn about pnpm-only settings such as `verify-deps-before-run`.
 */
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^npm_(config|package|lifecycle)_/i.test(k) && k !== 'PNPM_SCRIPT_SRC_DIR',
  ),
);

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...opts,
    env: { ...userEnv, ...opts.env },
  });
  return { status: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '', error: r.error };
}

/** The command prefix that runs `node`/`npm` on the given major version. */
function runnerFor(major) {
  if (process.versions.node.split('.')[0] === major) return (cmd, argv, opts) => run(cmd, argv, opts);
  // npx puts node@<major>'s bin first on PATH, so `npm` (a node script) runs on it too.
  return (cmd, argv, opts) => run('npx', ['-y', '-p', `node@${major}`, '--', cmd, ...argv], opts);
}

/** Every installed package.json under node_modules that declares an install-time script. */
function installScripts(dir) {
  const found = [];
  const visit = (nm) => {
    if (!existsSync(nm)) return;
    for (const entry of readdirSync(nm)) {
      if (entry.startsWith('.')) continue;
      const pkgDirs = entry.startsWith('@')
        ? readdirSync(join(nm, entry)).map((e) => join(nm, entry, e))
        : [join(nm, entry)];
      for (const d of pkgDirs) {
        const pj = join(d, 'package.json');
        if (existsSync(pj)) {
          const { name, scripts = {} } = JSON.parse(readFileSync(pj, 'utf8'));
          for (const s of ['preinstall', 'install', 'postinstall'])
            if (scripts[s]) found.push(`${name} (${s}: ${scripts[s]})`);
        }
        visit(join(d, 'node_modules'));
      }
    }
  };
  visit(join(dir, 'node_modules'));
  return found;
}

/** The README's short example, as plain JavaScript. */
function readmeExample() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A short example'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error("README.md: no ```ts block under '## A short example'");
  return ts.transpileModule(m[1], { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
    .outputText;
}

const work = mkdtempSync(join(tmpdir(), 'alertcraft-install-check-'));
const started = Date.now();
try {
  const tgzDir = join(work, 'tgz');
  mkdirSync(tgzDir);
  console.log('== pack (pnpm -r pack)');
  const packed = run('npx', ['-y', 'pnpm@10.34.9', '-r', 'pack', '--pack-destination', tgzDir], { cwd: root });
  if (packed.status !== 0) throw new Error(`pnpm -r pack failed:\n${packed.out}`);
  const tarballs = readdirSync(tgzDir).filter((f) => f.endsWith('.tgz'));
  const lib = tarballs.filter((f) => !f.startsWith('alertcraft-harness-')).map((f) => join(tgzDir, f));
  const harnessTgz = tarballs.filter((f) => f.startsWith('alertcraft-harness-')).map((f) => join(tgzDir, f));
  console.log(`  ${tarballs.length} tarballs: ${tarballs.join(', ')}`);
  for (const f of tarballs) {
    const list = run('tar', ['-tzf', join(tgzDir, f)]).stdout.split('\n');
    for (const need of ['package/README.md', 'package/LICENSE', 'package/package.json']) {
      if (!list.includes(need)) fail(`${f} has no ${need.slice('package/'.length)}`);
    }
    const pj = JSON.parse(run('tar', ['-xzOf', join(tgzDir, f), 'package/package.json']).stdout);
    if (pj.engines?.node !== '>=20') fail(`${f}: engines.node is ${JSON.stringify(pj.engines?.node)}, want ">=20"`);
    if (pj.license !== 'MIT') fail(`${f}: license is ${JSON.stringify(pj.license)}, want "MIT"`);
    if (JSON.stringify(pj).includes('workspace:')) fail(`${f}: package.json still has a workspace: range`);
  }
  if (!failures.length) ok('every tarball has README, LICENSE, engines >=20, MIT, no workspace: ranges');
  const example = readmeExample();
  const harnessDeps = JSON.parse(readFileSync(join(root, 'harness/package.json'), 'utf8')).dependencies ?? {};
  const harnessEmbeddedOnly = !('testcontainers' in harnessDeps) && !('@testcontainers/postgresql' in harnessDeps);

  for (const major of wanted) {
    const exec = runnerFor(major);
    const version = exec('node', ['--version']).stdout.trim();
    console.log(`== Node ${major} (${version || 'not runnable'})`);
    if (!version.startsWith(`v${major}.`)) {
      fail(`cannot run Node ${major} (npx -y -p node@${major} node --version gave ${JSON.stringify(version)})`);
      continue;
    }
    const install = (name, files) => {
      const dir = join(work, `node${major}-${name}`);
      mkdirSync(dir);
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ name: `install-check-${name}`, private: true, type: 'module' }, null, 2),
      );
      const r = exec('npm', ['install', '--no-audit', '--no-fund', '--loglevel', 'warn', ...files], {
        cwd: dir,
        env: { npm_config_update_notifier: 'false' },
      });
      if (r.status !== 0) {
        fail(`npm install (${name}) on Node ${major} exited ${r.status}:\n${r.out}`);
        return undefined;
      }
      const warnings = r.out.split('\n').filter((l) => /\bwarn\b|EBADENGINE/i.test(l));
      if (warnings.length) fail(`npm install (${name}) on Node ${major} warned:\n    ${warnings.join('\n    ')}`);
      else ok(`npm install (${name}): no warnings`);
      const scripts = installScripts(dir);
      if (scripts.length) fail(`install scripts in the ${name} install on Node ${major}: ${scripts.join(', ')}`);
      else ok(`no install scripts (${name})`);
      return dir;
    };

    const dir = install('packages', lib);
    if (dir) {
      writeFileSync(join(dir, 'example.mjs'), example);
      const r = exec('node', ['example.mjs'], { cwd: dir });
      if (r.status === 0 && /^groups:/m.test(r.stdout) && r.stdout.includes('alert: CheckoutErrorRate'))
        ok("README's short example prints the day4 rule file");
      else fail(`README example on Node ${major} exited ${r.status}:\n${r.out}`);
      const req = exec(
        'node',
        ['-e', "try { require('@alertcraft/rule-dsl'); console.log('loaded') } catch (e) { console.log(e.code) }"],
        { cwd: dir },
      );
      if (req.stdout.trim() === 'ERR_PACKAGE_PATH_NOT_EXPORTED')
        ok('require() fails with ERR_PACKAGE_PATH_NOT_EXPORTED (ESM only, as documented)');
      else
        fail(
          `require('@alertcraft/rule-dsl') on Node ${major} gave ${JSON.stringify(req.out.trim())}, the READMEs say ERR_PACKAGE_PATH_NOT_EXPORTED`,
        );
    }

    if (!harnessEmbeddedOnly) {
      console.log(
        '  not checked: the harness install (it still depends on testcontainers; issue #11 item 1 makes it an optional peer)',
      );
      continue;
    }
    const hdir = install('harness', [...lib, ...harnessTgz]);
    if (hdir) {
      writeFileSync(
        join(hdir, 'rules.yaml'),
        'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n        for: 5m\n',
      );
      const v = exec('node', ['node_modules/@alertcraft/harness/bin/alertcraft.js', '--version'], { cwd: hdir });
      const l = exec('node', ['node_modules/@alertcraft/harness/bin/alertcraft.js', 'lint', 'rules.yaml'], {
        cwd: hdir,
      });
      if (v.status === 0 && /^alertcraft \d/.test(v.stdout)) ok(`alertcraft --version: ${v.stdout.trim()}`);
      else fail(`alertcraft --version on Node ${major} exited ${v.status}:\n${v.out}`);
      if (l.status === 0 && /1 file linted: 0 errors/.test(l.out)) ok('alertcraft lint rules.yaml: 0 errors');
      else fail(`alertcraft lint on Node ${major} exited ${l.status}:\n${l.out}`);
    }
  }
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
} finally {
  rmSync(work, { recursive: true, force: true });
}
const secs = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) {
  console.log(`install check: ${failures.length} problem(s) in ${secs}s`);
  process.exit(1);
}
console.log(`install check: ok in ${secs}s`);
