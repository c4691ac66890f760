import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { BinaryNotFoundError } from './errors.js';

/** Names searched on PATH for each tool (Debian names the Alertmanager binary `prometheus-alertmanager`). */
export const BINARY_NAMES = {
  prometheus: ['prometheus'],
  promtool: ['promtool'],
  alertmanager: ['alertmanager', 'prometheus-alertmanager'],
  amtool: ['amtool'],
} as const;

export type ToolName = keyof typeof BINARY_NAMES;

/** How to install each tool on Debian/Ubuntu. */
export const INSTALL_HINTS: Record<ToolName, string> = {
  prometheus: 'apt-get install -y prometheus',
  promtool: 'apt-get install -y prometheus',
  alertmanager: 'apt-get install -y prometheus-alertmanager',
  amtool: 'apt-get install -y prometheus-alertmanager',
};

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** First of `names` that is an executable on `PATH` (or an absolute/relative path), else undefined. */
export function whichFirst(names: readonly string[], pathEnv: string = process.env.PATH ?? ''): string | undefined {
  const dirs = pathEnv.split(delimiter).filter(Boolean);
  for (const name of names) {
    if (name.includes('/')) {
      if (executable(name)) return isAbsolute(name) ? name : join(process.cwd(), name);
      continue;
    }
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Path of a tool: the explicit `override` if given (must be executable), else the first of its
 * names on PATH. Throws `BinaryNotFoundError` naming every name searched and the install hint.
 */
export function findBinary(tool: ToolName, override?: string, pathEnv?: string): string {
  const names = override ? [override] : BINARY_NAMES[tool];
  const found = whichFirst(names, pathEnv);
  if (!found) throw new BinaryNotFoundError(tool, names, INSTALL_HINTS[tool]);
  return found;
}

/** `prometheus, version 2.42.0+ds (branch...` → `2.42.0+ds`; undefined when the output has no version. */
export function parseVersionOutput(output: string): string | undefined {
  return /version\s+v?(\d+\.\d+\.\d+[^\s(]*)/.exec(output)?.[1];
}

const versionCache = new Map<string, Promise<string | undefined>>();

/**
 * Runs `<binary> --version` and parses the version (Prometheus tools print it on stdout or
 * stderr). Cached per path for the life of the process.
 */
export function binaryVersion(path: string): Promise<string | undefined> {
  let cached = versionCache.get(path);
  if (!cached) versionCache.set(path, (cached = runVersion(path)));
  return cached;
}

function runVersion(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: 10_000 }, (_err, stdout, stderr) => {
      resolve(parseVersionOutput(`${stdout}\n${stderr}`));
    });
  });
}
