/** Errors of the OpenMetrics writer, each with a stable `code`. */
export class OpenMetricsError extends Error {
  readonly code: string;
  /** Which input (e.g. `series[3]`) or file the error is about. */
  readonly path?: string;
  constructor(code: string, message: string, path?: string, options?: { cause?: unknown }) {
    super(path ? `${path}: ${message}` : message, options);
    this.name = 'OpenMetricsError';
    this.code = code;
    this.path = path;
  }
}
