/** Writing command output files into `--out DIR`, with errors that say which path failed. */
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from './command.js';

/** Creates `dir` (and parents) unless it exists as a directory; a file in the way is an InputError. */
export function ensureOutDir(dir: string, cwd: string): string {
  const abs = resolve(cwd, dir);
  try {
    if (!statSync(abs).isDirectory())
      throw new InputError('--out exists and is not a directory', { where: dir, code: 'cli/out-not-dir' });
    return abs;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new InputError(`cannot use --out: ${(err as Error).message}`, { where: dir, code: 'cli/out', cause: err });
  }
  try {
    mkdirSync(abs, { recursive: true });
  } catch (err) {
    throw new InputError(`cannot create the output directory: ${(err as Error).message}`, {
      where: dir,
      code: 'cli/out',
      cause: err,
    });
  }
  return abs;
}

/** Writes `text` to `dir/name` and returns the path to print (relative to cwd when inside it). */
export function writeOutput(dir: string, name: string, text: string, cwd: string): string {
  const path = join(dir, name);
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new InputError(`cannot write output file: ${(err as Error).message}`, {
      where: path,
      code: 'cli/write',
      cause: err,
    });
  }
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Checks, before any work starts, that an output file given by `flag` can be written: it is not a
 * directory, and the nearest existing ancestor is a writable directory (missing parents are
 * created when writing). Returns the absolute path; an InputError names the flag otherwise.
 */
export function checkOutputFile(path: string, cwd: string, flag: string): string {
  const abs = resolve(cwd, path);
  const fail = (why: string): never => {
    throw new InputError(`cannot write ${flag}: ${why}`, { where: path, code: 'cli/output-path' });
  };
  let dir = abs;
  try {
    const st = statSync(abs);
    if (st.isDirectory()) fail('it is a directory; give a file name');
    accessSync(abs, constants.W_OK);
    return abs;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') fail('permission denied');
    if (code !== 'ENOENT' && code !== 'ENOTDIR') fail((err as Error).message);
  }
  for (;;) {
    const parent = dirname(dir);
    if (parent === dir) fail('no existing parent directory');
    dir = parent;
    try {
      const st = statSync(dir);
      if (!st.isDirectory()) fail(`${dir} is not a directory`);
      accessSync(dir, constants.W_OK);
      return abs;
    } catch (err) {
      if (err instanceof InputError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM') fail(`${dir} is not writable`);
      if (code !== 'ENOENT') fail((err as Error).message);
    }
  }
}
