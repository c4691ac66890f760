/**
 * Errors of the notification ledger. Every error has a stable `code`; a payload error names the
 * JSON path of the problem.
 */
export class LedgerError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerError';
    this.code = code;
  }
}

/**
 * A webhook body that is not an Alertmanager payload (`ledger/payload`, answered 400), or one
 * that is but that the typed tables cannot hold (`ledger/unstorable`, answered 202): both are
 * quarantined with `path` and the message.
 */
export class WebhookPayloadError extends LedgerError {
  readonly path: string;
  constructor(path: string, message: string, code: 'ledger/payload' | 'ledger/unstorable' = 'ledger/payload') {
    super(code, `${path}: ${message}`);
    this.name = 'WebhookPayloadError';
    this.path = path;
  }
}
