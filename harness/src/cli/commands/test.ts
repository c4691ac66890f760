/**
 * `alertcraft test FILE...`: runs promtool-format rule unit tests (`promtool test rules`) on the
 * embedded engine. Output and exit codes follow promtool: 0 all passed, 1 a test failed; unusable
 * files (missing, malformed YAML) exit 2 with file:line.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { formatUnitTestOutput, PROMTOOL_MAX_SAMPLES, re2SyntaxError, runUnitTests } from '@alertcraft/promql';
import { parseFlags, UsageError, type Command } from '../command.js';
import { LIMIT_FLAGS, limitFlags, limitFlagsHelp } from '../limit-flags.js';
import { MAX_INPUT_BYTES_ENV, maxInputBytesFromEnv } from '../read-input.js';

export const testCommand: Command = {
  name: 'test',
  summary: 'Run promtool-format rule unit tests (promtool test rules) on the embedded engine',
  help: [
    'Usage: alertcraft test [--run REGEX]... FILE...',
    '',
    'Runs Prometheus rule unit-test files (the YAML of `promtool test rules`) on the embedded',
    'PromQL engine, with promtool v2.54.1 semantics and output.',
    '',
    'Options:',
    '  --run REGEX   only run test groups whose name matches (repeatable)',
    ...limitFlagsHelp(`${PROMTOOL_MAX_SAMPLES.toLocaleString('en-US')}, as promtool`),
    '',
    `Unit-test and rule files over 64 MiB are refused; ${MAX_INPUT_BYTES_ENV}=BYTES sets the limit.`,
    'Input series over a limit fail their test group (exit 1) at the series line.',
    '',
    'Exit codes: 0 all tests passed, 1 a test failed, 2 a file is unusable (missing, malformed YAML).',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, { multi: ['run'], values: LIMIT_FLAGS });
    const { limits, queryMaxSamples } = limitFlags(parsed);
    const maxFileBytes = maxInputBytesFromEnv();
    if (parsed.positionals.length === 0) throw new UsageError('give at least one unit-test file');
    const run = parsed.flags.run as string[] | undefined;
    // promtool joins the --run values with | into one RE2 regex.
    if (run?.length) {
      for (const r of [...run, run.join('|')]) {
        const err = re2SyntaxError(r);
        if (err) throw new UsageError(`--run ${JSON.stringify(r)} is not a valid RE2 regex: ${err.message}`);
      }
    }
    // Paths as given (relative to the process when the command runs in it), so messages show them.
    const files = parsed.positionals.map((f) => (isAbsolute(f) ? f : relative(process.cwd(), resolve(io.cwd, f)) || f));
    const result = runUnitTests(files, {
      run,
      limits,
      ...(queryMaxSamples !== undefined ? { queryMaxSamples } : {}),
      ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
    });
    // Show each file as it was given, like promtool.
    result.files.forEach((f, i) => {
      f.file = parsed.positionals[i]!;
    });
    for (const { stream, line } of formatUnitTestOutput(result)) io[stream](line);
    return result.exitCode;
  },
};
