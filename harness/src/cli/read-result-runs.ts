/**
 * The runs of a replay's result JSON that a command works on (`--run FILE [--pack P] [--phase PH]`):
 * a file that is not a result document, or a filter that matches no run, is an InputError naming
 * the file, with the command's own error code prefix.
 */
import { ResultFormatError } from '../result/errors.js';
import { readResult } from '../result/io.js';
import type { ResultDocument, ResultRun } from '../result/types.js';
import { InputError } from './command.js';
import { readTextInput } from './read-input.js';

export function readResultRuns(
  runPath: string,
  cwd: string,
  filter: { pack?: string; phase?: string },
  codePrefix: string,
): { doc: ResultDocument; runs: ResultRun[] } {
  const text = readTextInput(runPath, cwd, 'replay result');
  let doc: ResultDocument;
  try {
    doc = readResult(text.text, runPath);
  } catch (err) {
    if (err instanceof ResultFormatError)
      throw new InputError(err.message, { where: runPath, code: `${codePrefix}/bad-result`, cause: err });
    throw err;
  }
  const { pack, phase } = filter;
  const runs = doc.runs.filter(
    (r) => (pack === undefined || r.pack === pack) && (phase === undefined || r.phase === phase),
  );
  if (!runs.length)
    throw new InputError(
      `no run${pack || phase ? ` of ${[pack, phase].filter(Boolean).join('/')}` : ''} in the result`,
      { where: runPath, code: `${codePrefix}/no-run` },
    );
  return { doc, runs };
}
