/**
 * The one error class of `@alertcraft/grafana-json`: unusable input (a document that is not the shape
 * asked for, a bad duration, a rule without a title) with the JSON path where it went wrong.
 */
export class GrafanaJsonError extends Error {
  readonly code: string;
  /** JSON path of the offending value, e.g. `$.groups[0].rules[2].for`. */
  readonly path: string;
  constructor(code: string, path: string, message: string, options?: { cause?: unknown }) {
    super(`${path}: ${message}`, options);
    this.name = 'GrafanaJsonError';
    this.code = code;
    this.path = path;
  }
}

/** `$.a.b[0]` style path of a child key or index. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
