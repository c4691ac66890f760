/** Reads an SLO file: Sloth `prometheus/v1` or OpenSLO `openslo/v1`/`openslo/v1alpha` (one or more YAML documents). */
import { LineCounter, parseAllDocuments } from 'yaml';
import { SloInputError } from '../errors.js';
import type { SloSpec } from '../spec.js';
import { fromOpenSlo } from './openslo.js';
import { fromSloth, SLOTH_K8S_API_VERSION, SLOTH_VERSION } from './sloth.js';

export function readSloFile(text: string, file: string, opts: { period?: string } = {}): SloSpec[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    const e = d.errors[0];
    if (e) {
      const p = lines.linePos(e.pos[0]);
      throw new SloInputError(`${file}:${p.line}:${p.col}`, `invalid YAML: ${e.message.split('\n')[0]}`, {
        code: 'slo/yaml',
      });
    }
  }
  const values = list.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) throw new SloInputError(file, 'the file holds no SLO spec');
  const first = values[0] as Record<string, unknown>;
  try {
    const isSloth = (v: Record<string, unknown>): boolean => 'version' in v || v.apiVersion === SLOTH_K8S_API_VERSION;
    if (typeof first === 'object' && first !== null && isSloth(first)) {
      return values.flatMap((v, i) =>
        fromSloth(v, { period: opts.period, field: values.length > 1 ? `documents[${i}]` : '' }),
      );
    }
    if (typeof first === 'object' && first !== null && 'apiVersion' in first) return fromOpenSlo(values);
  } catch (err) {
    if (err instanceof SloInputError)
      throw new SloInputError(`${file}: ${err.field}`, err.message.slice(err.field.length + 2), {
        code: err.code,
        cause: err,
      });
    throw err;
  }
  throw new SloInputError(
    `${file}: version`,
    `not an SLO spec: expected a Sloth spec (version: ${SLOTH_VERSION}) or OpenSLO (apiVersion: openslo/v1)`,
    { code: 'slo/unknown-version' },
  );
}
