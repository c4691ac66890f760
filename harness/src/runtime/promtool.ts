import { execFile } from 'node:child_process';
import { RuntimeError } from './errors.js';
import { registerLive } from './process-registry.js';

/** Output of a finished promtool run. */
export interface PromtoolRun {
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run promtool with `args`; a non-zero exit throws a `RuntimeError` with its output. */
export function runPromtool(
  binary: string,
  args: readonly string[],
  opts: { cwd?: string; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<PromtoolRun> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    let unregister = (): void => undefined;
    const child = execFile(
      binary,
      args,
      { cwd: opts.cwd, timeout: opts.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024, signal: opts.signal },
      (err, stdout, stderr) => {
        unregister();
        if (err) {
          const out = `${stderr}\n${stdout}`.trim().split('\n').slice(-20).join('\n');
          reject(
            new RuntimeError(
              'runtime/promtool-failed',
              `promtool ${args.join(' ')} failed (${err.message.split('\n')[0]}):\n${out}`,
              { cause: err },
            ),
          );
          return;
        }
        resolve({ stdout, stderr, ms: performance.now() - t0 });
      },
    );
    // A long block build must not outlive an interrupted run.
    unregister = registerLive({
      describe: () => `promtool pid ${child.pid} (${args.slice(0, 3).join(' ')})`,
      killSync: () => void child.kill('SIGKILL'),
    });
  });
}

/** `promtool tsdb create-blocks-from openmetrics <file> <outDir>` (quiet). */
export function createBlocksFromOpenMetrics(
  binary: string,
  file: string,
  outDir: string,
  opts: { signal?: AbortSignal } = {},
): Promise<PromtoolRun> {
  return runPromtool(binary, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, outDir], opts);
}
