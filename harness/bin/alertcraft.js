#!/usr/bin/env node
// The installed `alertcraft` command. `--version` is answered from package.json without loading
// anything else; every other command runs the bundled CLI in dist/cli/ (built by `pnpm build`),
// whose commands load on demand.
import { readFileSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (a no-op where it does not exist, as on Node 20).
module.enableCompileCache?.();

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`alertcraft ${pkg.version}\n`);
} else {
  let cli;
  try {
    cli = await import('../dist/cli/main.js');
  } catch (err) {
    const missing = err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js');
    process.stderr.write(
      missing
        ? 'alertcraft: the CLI is not built: run `npx -y pnpm@10.34.9 install` (which builds it) or `pnpm build`\n'
        : `alertcraft: cannot load the CLI: ${err?.message ?? String(err)}\n`,
    );
    process.exit(1);
  }
  try {
    process.exitCode = await cli.main(argv);
  } catch (err) {
    process.stderr.write(`alertcraft: ${err?.message ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
