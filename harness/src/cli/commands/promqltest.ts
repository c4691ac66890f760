/**
 * `alertcraft promqltest FILE...`: runs Prometheus promqltest-format files (`load` / `eval`) on
 * the embedded engine. Prints one line per failing case and `N passed, M failed, K skipped`;
 * exit 0 all passed, 1 a case failed, 2 a file is unusable (missing, or a malformed command: file:line).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  FileTooLargeError,
  parsePromqlTestFile,
  PROMQLTEST_MAX_SAMPLES,
  PromqlTestFileError,
  readFileBounded,
  runPromqlTestFile,
  type PromqlTestFile,
} from '@alertcraft/promql';
import { InputError, parseFlags, UsageError, type Command } from '../command.js';
import { LIMIT_FLAGS, limitFlags, limitFlagsHelp } from '../limit-flags.js';
import { MAX_INPUT_BYTES_ENV, maxInputBytesFromEnv } from '../read-input.js';

export const promqltestCommand: Command = {
  name: 'promqltest',
  summary: 'Run Prometheus promqltest files (load/eval) on the embedded engine',
  help: [
    'Usage: alertcraft promqltest [--verbose] FILE|DIR...',
    '',
    "Runs files in Prometheus' promqltest format (v2.54.1: load, clear, eval instant/range,",
    'eval_fail, eval_warn, eval_ordered) on the embedded PromQL engine. Cases that need native',
    'histograms are skipped with their reason. A directory stands for its *.test files, in name order.',
    '',
    'Options:',
    '  --verbose   also print skipped cases with the reason',
    ...limitFlagsHelp(`${PROMQLTEST_MAX_SAMPLES.toLocaleString('en-US')}, as upstream's test engine`),
    '',
    `Files over 64 MiB are refused; ${MAX_INPUT_BYTES_ENV}=BYTES sets the limit. Going over a limit`,
    'makes the file unusable (exit 2) at the line that passed it.',
    '',
    'Output: one line per failing case (file:line: expression: reason), then',
    '"N passed, M failed, K skipped".',
    'Exit codes: 0 all passed, 1 a case failed, 2 a file is unusable (missing or malformed, with file:line).',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, { booleans: ['verbose'], values: LIMIT_FLAGS });
    const { limits, queryMaxSamples } = limitFlags(parsed);
    const maxBytes = maxInputBytesFromEnv();
    if (parsed.positionals.length === 0) throw new UsageError('give at least one promqltest file');
    const files: PromqlTestFile[] = [];
    for (const f of parsed.positionals.flatMap((p) => expandDirectory(resolve(io.cwd, p)))) {
      const path = f;
      const shown = relative(io.cwd, path) || path;
      let text: string;
      try {
        text = readFileBounded(path, maxBytes).toString('utf8');
      } catch (err) {
        if (err instanceof FileTooLargeError)
          throw new InputError(err.message.replace('maxBytes / ', ''), { where: shown, code: err.code, cause: err });
        throw new InputError(`cannot read ${shown}: ${(err as Error).message}`, { where: shown, cause: err });
      }
      try {
        files.push(parsePromqlTestFile(text, shown, { limits }));
      } catch (err) {
        if (err instanceof PromqlTestFileError) {
          throw new InputError(err.message.slice(`${err.file}:${err.line}: `.length), {
            where: `${err.file}:${err.line}`,
            code: err.code,
            cause: err,
          });
        }
        throw err;
      }
    }
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const file of files) {
      let result;
      try {
        result = runPromqlTestFile(file, queryMaxSamples !== undefined ? { maxSamples: queryMaxSamples } : {});
      } catch (err) {
        if (err instanceof PromqlTestFileError) {
          throw new InputError(err.message.slice(`${err.file}:${err.line}: `.length), {
            where: `${err.file}:${err.line}`,
            code: err.code,
            cause: err,
          });
        }
        throw err;
      }
      passed += result.passed;
      failed += result.failed;
      skipped += result.skipped;
      for (const c of result.cases) {
        if (c.status === 'failed') io.stdout(`${c.file}:${c.line}: ${c.expr}: ${c.reason}`);
        else if (c.status === 'skipped' && parsed.flags.verbose)
          io.stdout(`${c.file}:${c.line}: skipped: ${c.expr}: ${c.reason}`);
      }
    }
    io.stdout(`${passed} passed, ${failed} failed, ${skipped} skipped`);
    return failed > 0 ? 1 : 0;
  },
};

/** A directory's `*.test` files in name order (what upstream's promqltest runs); anything else as given. */
function expandDirectory(path: string): string[] {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return [path]; // reading it reports the error, with its name
  }
  if (!isDir) return [path];
  const files = readdirSync(path)
    .filter((n) => n.endsWith('.test'))
    .sort()
    .map((n) => join(path, n));
  if (files.length === 0) throw new InputError(`no *.test files in directory ${path}`, { where: path });
  return files;
}
