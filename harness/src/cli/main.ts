#!/usr/bin/env node
// The `alertcraft` command line: dispatches to the commands of commands.ts and turns errors
// into one line with exit code 2 (usage/input) or 1 (unexpected), never a bare stack trace.
import { dirname, resolve } from 'node:path';
import { toolVersion } from '../version.js';
import { commands } from './commands.js';
import { InputError, UsageError, type CommandIO } from './command.js';

/**
 * The directory relative paths are resolved against: the user's. Run through the repository's
 * `pnpm alertcraft` script, pnpm starts us in the workspace root and leaves the user's directory in
 * INIT_CWD; only then (script named `alertcraft`, still in the directory of that script's
 * package.json) is INIT_CWD used, so `cd suite && pnpm alertcraft test tests.yaml` finds the file.
 */
export function userCwd(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const { INIT_CWD: init, npm_lifecycle_event: script, npm_package_json: pkgJson } = env;
  if (init && script === 'alertcraft' && pkgJson && resolve(dirname(pkgJson)) === resolve(cwd)) return resolve(init);
  return cwd;
}

const io: CommandIO = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  isTTY: Boolean(process.stderr.isTTY),
  cwd: userCwd(),
};

async function topHelp(): Promise<string> {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'Usage: alertcraft <command> [options]',
    '',
    'Alerting as code for a product launch: emit, lint, test and replay Prometheus alert rules.',
    '',
    'Commands:',
    ...loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'alertcraft <command> --help' for a command's options; 'alertcraft --version' prints the version.",
  ].join('\n');
}

export async function main(argv: string[], cio: CommandIO = io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    cio.stdout(`alertcraft ${toolVersion()}`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    cio.stdout(await topHelp());
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    cio.stderr(`alertcraft: unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ')}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    cio.stdout(command.help);
    return 0;
  }
  try {
    return await command.run(rest, cio);
  } catch (err) {
    if (err instanceof UsageError) {
      cio.stderr(`alertcraft ${name}: ${err.message} (see 'alertcraft ${name} --help')`);
      return 2;
    }
    if (err instanceof InputError) {
      cio.stderr(`alertcraft ${name}: ${err.where ? `${err.where}: ` : ''}${err.message}`);
      return 2;
    }
    const e = err as Error;
    // The packages' documented errors (PromQLError, RuleDslError, RuntimeError, LiveError, ...)
    // carry a `scope/what` code: a known failure (Postgres down, a server that did not start), not a bug.
    const code = (err as { code?: unknown })?.code;
    if (typeof code === 'string' && /^[a-z][a-z0-9-]*\/[a-z0-9-]+$/.test(code)) {
      cio.stderr(`alertcraft ${name}: ${e.message} [${code}]`);
      if (process.env.ALERTCRAFT_DEBUG) cio.stderr(e?.stack ?? '');
      return 1;
    }
    cio.stderr(`alertcraft ${name}: unexpected error: ${e?.message ?? String(err)}`);
    if (process.env.ALERTCRAFT_DEBUG) cio.stderr(e?.stack ?? '');
    else cio.stderr('(set ALERTCRAFT_DEBUG=1 for the stack trace; please report this as a bug)');
    return 1;
  }
}

// Run when this file is executed directly (`node --import tsx harness/src/cli/main.ts`, or the
// bundle's dist/cli/main.js); the installed `alertcraft` command (bin/alertcraft.js) imports and
// calls main itself, and tests import it.
const invokedPath = process.argv[1] ?? '';
if (/cli[\\/]main\.(ts|js)$/.test(invokedPath)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`alertcraft: ${(err as Error)?.message ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
