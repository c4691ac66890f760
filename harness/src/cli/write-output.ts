/** Writing command output files into `--out DIR`, with errors that say which path failed. */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from './command.js';

/** Creates `dir` (and parents) unless it exists as a directory; a file in the way is an InputError. */
export function ensureOutDir(dir: string, cwd: string): string {
  const abs = resolve(cwd, dir);
  try {
    if (!statSync(abs).isDirectory()) throw new InputError('--out exists and is not a directory', { where: dir, code: 'cli/out-not-dir' });
    return abs;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`cannot use --out: ${(err as Error).message}`, { where: dir, code: 'cli/out', cause: err });
  }
  try {
    mkdirSync(abs, { recursive: true });
  } catch (err) {
    throw new InputError(`cannot create the output directory: ${(err as Error).message}`, { where: dir, code: 'cli/out', cause: err });
  }
  return abs;
}

/** Writes `text` to `dir/name` and returns the path to print (relative to cwd when inside it). */
export function writeOutput(dir: string, name: string, text: string, cwd: string): string {
  const path = join(dir, name);
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new InputError(`cannot write output file: ${(err as Error).message}`, { where: path, code: 'cli/write', cause: err });
  }
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
