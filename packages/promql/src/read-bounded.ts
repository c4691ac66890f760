/**
 * Reading a user's file with a size bound: rule files, unit-test files and promqltest files are
 * read whole, so a file over the bound is refused before any byte is read.
 */
import { openSync, closeSync, fstatSync, readFileSync } from 'node:fs';

/** Largest rule, unit-test or promqltest file read by default: 64 MiB (unit tests with long `input_series` run to megabytes). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A file over the size bound (code `promql/file-too-large`); `message` says how to raise it. */
export class FileTooLargeError extends Error {
  readonly code = 'promql/file-too-large';
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(
      `file is ${size.toLocaleString('en-US')} bytes, larger than the ${maxBytes.toLocaleString('en-US')}-byte limit (raise it with maxBytes / ALERTCRAFT_MAX_INPUT_BYTES)`,
    );
    this.name = 'FileTooLargeError';
  }
}

/** The bytes of `path`; throws `FileTooLargeError` over `maxBytes`, and fs errors as they come. */
export function readFileBounded(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) throw new FileTooLargeError(size, maxBytes);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
