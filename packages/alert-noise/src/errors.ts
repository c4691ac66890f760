/** Errors of @alertcraft/alert-noise, each with a stable `code`. */
export class AlertNoiseError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AlertNoiseError';
    this.code = code;
  }
}
