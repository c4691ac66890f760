/**
 * Runs the real `promtool check rules` over many expressions in one call: each expression becomes a
 * recording rule `r<i>` in one group, and promtool reports every rule it cannot parse as
 * `group "g", rule <n>, "r<i>": could not parse expression: <message>`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A YAML double-quoted scalar that survives any string (ASCII only, \u/\U escapes). */
export function yamlQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

export function rulesFile(exprs: readonly string[]): string {
  let y = 'groups:\n- name: g\n  rules:\n';
  exprs.forEach((e, i) => {
    y += `  - record: r${i}\n    expr: ${yamlQuote(e)}\n`;
  });
  return y;
}

export interface PromtoolVerdicts {
  /** Error message per rejected expression index. */
  rejected: Map<number, string>;
  /** promtool's exit code and combined output, for diagnosis. */
  exitCode: number;
  output: string;
  elapsedMs: number;
}

export async function promtoolCheckRules(promtool: string, exprs: readonly string[]): Promise<PromtoolVerdicts> {
  const dir = await mkdtemp(join(tmpdir(), 'alertcraft-promtool-'));
  try {
    const file = join(dir, 'rules.yml');
    await writeFile(file, rulesFile(exprs));
    const t0 = performance.now();
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
      execFile(
        promtool,
        ['check', 'rules', file],
        { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
        (err, stdout, stderr) => {
          if (err && typeof err.code !== 'number') reject(err);
          else resolve({ code: err ? (err.code as number) : 0, output: `${stdout}\n${stderr}` });
        },
      );
    });
    const elapsedMs = performance.now() - t0;
    const rejected = new Map<number, string>();
    for (const m of output.matchAll(/group "g", rule \d+, "r(\d+)": (.*)$/gm)) rejected.set(Number(m[1]), m[2]!);
    if (code !== 0 && rejected.size === 0)
      throw new Error(`promtool failed without per-rule errors (exit ${code}):\n${output.slice(0, 2000)}`);
    return { rejected, exitCode: code, output, elapsedMs };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
