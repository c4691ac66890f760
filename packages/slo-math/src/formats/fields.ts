import { describe } from '../durations.js';
import { SloInputError } from '../errors.js';

export type Obj = Record<string, unknown>;

export function obj(v: unknown, field: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new SloInputError(field, `expected a mapping, got ${describe(v)}`);
  return v as Obj;
}

export function optObj(v: unknown, field: string): Obj | undefined {
  return v === undefined || v === null ? undefined : obj(v, field);
}

export function str(v: unknown, field: string): string {
  if (typeof v !== 'string' || v === '')
    throw new SloInputError(field, `expected a non-empty string, got ${describe(v)}`);
  return v;
}

export function optStr(v: unknown, field: string): string | undefined {
  return v === undefined || v === null ? undefined : str(v, field);
}

export function num(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new SloInputError(field, `expected a finite number, got ${describe(v)}`);
  return v;
}

export function list(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v) || v.length === 0)
    throw new SloInputError(field, `expected a non-empty list, got ${describe(v)}`);
  return v;
}

export function labelMap(v: unknown, field: string): Record<string, string> | undefined {
  const o = optObj(v, field);
  if (!o) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) {
    // go-yaml reads a scalar into a string field as written: `generated: true` is the label value "true".
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
    else throw new SloInputError(`${field}.${k}`, `a label value is a string, got ${x === null ? 'null' : typeof x}`);
  }
  return out;
}
