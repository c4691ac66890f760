/** Errors of the timeline readers (ledger, Prometheus history), each with a stable `code`. */
export class TimelineReadError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TimelineReadError';
    this.code = code;
  }
}
