/**
 * Thin wrappers that run the real validators on emitted files: `promtool check rules` (Debian
 * Prometheus 2.42) and `amtool check-config` (Debian Alertmanager 0.25). They return the exit
 * status and the combined output so a failing test shows exactly what the tool said.
 */
import { execFile } from 'node:child_process';

export interface ToolResult {
  ok: boolean;
  code: number | null;
  /** stdout and stderr together. */
  output: string;
  stdout: string;
}

export function runTool(bin: string, args: readonly string[], timeoutMs = 30_000): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(bin, [...args], { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (!err) resolve({ ok: true, code: 0, output, stdout });
      else {
        const code =
          typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : null;
        resolve({ ok: false, code, output: output || err.message, stdout });
      }
    });
  });
}

/** `promtool check rules FILE...`: exit 0 when every file parses and every expression is valid. */
export function promtoolCheckRules(promtool: string, files: readonly string[]): Promise<ToolResult> {
  return runTool(promtool, ['check', 'rules', ...files]);
}

/** `amtool check-config FILE`: exit 0 when Alertmanager would load the configuration. */
export function amtoolCheckConfig(amtool: string, file: string): Promise<ToolResult> {
  return runTool(amtool, ['check-config', file]);
}
