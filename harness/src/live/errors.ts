/**
 * Errors of live mode. Every error has a stable `code`; messages say what failed, where and what
 * to do. `LiveRunError` carries the ledger schema that was kept so the rows written so far can be
 * inspected.
 */
export class LiveError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LiveError';
    this.code = code;
  }
}

/** A server died (or stopped answering) during a live run. */
export class LiveRunError extends LiveError {
  /** `prometheus` or `alertmanager`. */
  readonly service: string;
  /** Last log lines of the server that died. */
  readonly logTail: string;
  /** Ledger schema left in place (not dropped) so the rows written so far stay readable. */
  readonly ledgerSchema?: string;
  constructor(
    code: string,
    message: string,
    details: { service: string; logTail: string; ledgerSchema?: string },
    options?: { cause?: unknown },
  ) {
    super(
      code,
      details.logTail ? `${message}\n--- last ${details.service} log lines ---\n${details.logTail}` : message,
      options,
    );
    this.name = 'LiveRunError';
    this.service = details.service;
    this.logTail = details.logTail;
    this.ledgerSchema = details.ledgerSchema;
  }
}
