/**
 * Reading user-supplied files for the CLI, with the checks that turn unusable input into one clear
 * `InputError` (exit 2) instead of a stack trace: missing file, a directory, an empty file, a file
 * over the size limit, binary content, invalid JSON with its line:column.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { InputError } from './command.js';

/** Rule files, Alertmanager configs and baselines are small; anything larger is a mistake. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** The environment variable that sets every file-size limit of the CLI, in bytes. */
export const MAX_INPUT_BYTES_ENV = 'ALERTCRAFT_MAX_INPUT_BYTES';

/**
 * The file-size limit `ALERTCRAFT_MAX_INPUT_BYTES` sets (a decimal number of bytes), or
 * undefined when it is unset; a value that is not a positive integer is an InputError naming it.
 */
export function maxInputBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env[MAX_INPUT_BYTES_ENV];
  if (text === undefined || text === '') return undefined;
  const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n > 0))
    throw new InputError(
      `${MAX_INPUT_BYTES_ENV}=${JSON.stringify(text)}: expected a positive decimal number of bytes`,
      {
        code: 'cli/bad-env',
      },
    );
  return n;
}

export interface TextInput {
  /** The path as the user wrote it (used in messages). */
  path: string;
  /** Absolute path. */
  absolute: string;
  text: string;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}

/**
 * Read a UTF-8 text file the user named; every failure is an InputError naming the file. Files
 * over `MAX_INPUT_BYTES` (4 MiB) are refused unless `ALERTCRAFT_MAX_INPUT_BYTES` raises the limit.
 */
export function readTextInput(path: string, cwd: string, what = 'file'): TextInput {
  const absolute = resolve(cwd, path);
  const maxBytes = maxInputBytesFromEnv() ?? MAX_INPUT_BYTES;
  let size: number;
  try {
    const st = statSync(absolute);
    if (st.isDirectory())
      throw new InputError(`${what} is a directory, expected a file`, { where: path, code: 'cli/not-a-file' });
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError(`${what} not found`, { where: path, code: 'cli/not-found', cause: err });
    if (code === 'EACCES')
      throw new InputError(`${what} is not readable (permission denied)`, {
        where: path,
        code: 'cli/unreadable',
        cause: err,
      });
    throw new InputError(`cannot read ${what}: ${(err as Error).message}`, {
      where: path,
      code: 'cli/unreadable',
      cause: err,
    });
  }
  if (size > maxBytes) {
    throw new InputError(
      `${what} is ${formatSize(size)}, larger than the ${formatSize(maxBytes)} limit; is this the right file? (raise the limit with ${MAX_INPUT_BYTES_ENV}=BYTES)`,
      {
        where: path,
        code: 'cli/too-large',
      },
    );
  }
  const bytes = readFileSync(absolute);
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') {
    throw new InputError(`${what} is empty`, { where: path, code: 'cli/empty' });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError(`${what} looks binary (NUL byte at offset ${nul}); expected UTF-8 text`, {
      where: path,
      code: 'cli/binary',
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new InputError(`${what} is not valid UTF-8 text`, { where: path, code: 'cli/binary', cause: err });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { path, absolute, text };
}

/** 1-based line and column of an offset. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: Math.min(offset, text.length) - start + 1 };
}

type JsoncParser = typeof import('jsonc-parser');

/**
 * Offset of the first JSON syntax error, for the messages V8 gives without one ("Unexpected
 * token", "Unexpected end of JSON input"). jsonc-parser is told to allow neither comments nor
 * trailing commas, so it reads strict JSON; it is loaded only here, when a file is already broken.
 */
function firstErrorOffset(text: string): number | undefined {
  const jsonc = createRequire(import.meta.url)('jsonc-parser') as JsoncParser;
  const errors: import('jsonc-parser').ParseError[] = [];
  jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset;
}

/**
 * Parse JSON text; a syntax error becomes an InputError at `path:line:col`. V8's own wording is
 * kept, without the copy of the input it sometimes appends (`"…" is not valid JSON`), which could
 * be a whole file and print whatever secrets it holds.
 */
export function parseJsonInput(input: TextInput): unknown {
  try {
    return JSON.parse(input.text);
  } catch (err) {
    const message = (err as Error).message;
    const m = /position (\d+)/.exec(message);
    const offset = m ? Number(m[1]) : firstErrorOffset(input.text);
    const lc = offset === undefined ? undefined : lineCol(input.text, offset);
    const where = lc ? `${input.path}:${lc.line}:${lc.column}` : input.path;
    const reason = message
      .replace(/^JSON\.parse: /, '')
      .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '')
      .replace(/^Unexpected token '\n'$/, 'Unexpected line break');
    throw new InputError(`invalid JSON: ${reason}`, { where, code: 'cli/bad-json', cause: err });
  }
}
