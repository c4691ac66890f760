/**
 * How Go values are represented while executing a template: string, float64 (number), int
 * (bigint), bool, nil (null), maps (GoMap, which knows its missing-key zero value), slices
 * (arrays), structs (plain objects), time.Time (GoTime).
 */
import { formatGoFloat, goTimeString } from './go-format.js';

export class GoMap extends Map<string, unknown> {
  /** The value a missing key yields under Prometheus' `missingkey=zero` option. */
  readonly zero: unknown;
  readonly typeName: string;
  constructor(entries: Iterable<[string, unknown]> = [], zero: unknown = '', typeName = 'map[string]string') {
    super(entries);
    this.zero = zero;
    this.typeName = typeName;
  }
}

export class GoTime {
  constructor(readonly ms: number) {}
  toString(): string {
    return goTimeString(this.ms);
  }
}

/** Go's `%T`-style type name, used in error messages. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoMap) return v.typeName;
  if (v instanceof GoTime) return '*time.Time';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object' && 'Labels' in v && 'Value' in v && Object.keys(v).length === 2) return '*template.sample';
  return 'struct';
}

/** Go's truth: false, 0, nil, empty string/slice/map are false. */
export function isTrue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true;
}

/** `fmt.Sprint` of one value. */
export function printValue(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatGoFloat(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoTime) return v.toString();
  if (v instanceof Map) {
    const keys = [...v.keys()].sort();
    return `map[${keys.map((k) => `${k}:${printValue(v.get(k))}`).join(' ')}]`;
  }
  if (Array.isArray(v)) return `[${v.map(printValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const body = Object.values(o).map(printValue).join(' ');
    return goTypeName(v) === '*template.sample' ? `&{${body}}` : `{${body}}`;
  }
  return String(v);
}
