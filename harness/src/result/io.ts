/**
 * Writing and reading the result JSON: sorted keys, two-space indent, trailing newline; the
 * reader parses, validates against RESULT_JSON_SCHEMA plus time-order checks, and reports every
 * problem with its JSON path.
 */
import { ResultFormatError } from './errors.js';
import { RESULT_JSON_SCHEMA, validateSchema, type SchemaIssue } from './schema.js';
import { RESULT_FORMAT, type ResultDocument } from './types.js';
import { documentVerdict } from './verdict.js';

/** JSON with object keys sorted at every level (arrays keep their order). */
export function stableStringify(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The document as stable JSON text (ends with a newline). */
export function stringifyResult(doc: ResultDocument): string {
  return `${stableStringify(doc)}\n`;
}

/** Schema issues plus order checks (firedAt ≥ activeAt, resolvedAt ≥ activeAt, end ≥ start). */
export function validateResult(value: unknown): SchemaIssue[] {
  const format = (value as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format !== RESULT_FORMAT && /^alertcraft-result\/v\d+$/.test(format)) {
    return [
      {
        path: '$.format',
        message: `${format} is another version of the result format; this reader takes ${RESULT_FORMAT} (re-run the replay to write one)`,
      },
    ];
  }
  const issues = validateSchema(RESULT_JSON_SCHEMA, value);
  if (issues.length) return issues;
  const doc = value as ResultDocument;
  const verdict = documentVerdict(doc.runs);
  if (doc.verdict.runs !== verdict.runs)
    issues.push({
      path: '$.verdict.runs',
      message: `is ${doc.verdict.runs} but the result holds ${verdict.runs} runs`,
    });
  if (doc.verdict.failing !== verdict.failing || doc.verdict.result !== verdict.result) {
    issues.push({
      path: '$.verdict',
      message: `says ${doc.verdict.result} with ${doc.verdict.failing} failing, but the runs give ${verdict.result} with ${verdict.failing} failing`,
    });
  }
  doc.runs.forEach((run, r) => {
    const at = (p: string) => `$.runs[${r}]${p}`;
    if (Date.parse(run.window.end) < Date.parse(run.window.start))
      issues.push({ path: at('.window.end'), message: 'is before window.start' });
    run.alerts.forEach((a, i) => {
      const active = Date.parse(a.activeAt);
      if (a.firedAt !== null && Date.parse(a.firedAt) < active)
        issues.push({ path: at(`.alerts[${i}].firedAt`), message: `is before activeAt (${a.activeAt})` });
      if (a.resolvedAt !== null && Date.parse(a.resolvedAt) < active)
        issues.push({ path: at(`.alerts[${i}].resolvedAt`), message: `is before activeAt (${a.activeAt})` });
    });
    run.incidents.forEach((inc, i) => {
      if (Date.parse(inc.end) < Date.parse(inc.start))
        issues.push({ path: at(`.incidents[${i}].end`), message: `is before start (${inc.start})` });
    });
  });
  return issues;
}

/**
 * Parses and validates a result (JSON text or an already parsed value). Throws
 * ResultFormatError whose message lists the first problems as `path: message`.
 */
export function readResult(input: string | unknown, source = 'result'): ResultDocument {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw new ResultFormatError(
        `${source}: not valid JSON (${(err as Error).message})`,
        [{ path: '$', message: (err as Error).message }],
        { cause: err },
      );
    }
  }
  const issues = validateResult(value);
  if (issues.length) {
    const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    throw new ResultFormatError(`${source}: not a valid alertcraft result: ${shown.join('; ')}${more}`, issues);
  }
  return value as ResultDocument;
}
