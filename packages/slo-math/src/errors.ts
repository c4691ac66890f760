/** Bad SLO input: `field` names where (a JSON-style path such as `spec.slos[0].objective`, or a file:line). */
export class SloInputError extends Error {
  readonly code: string;
  readonly field: string;
  constructor(field: string, message: string, options: { code?: string; cause?: unknown } = {}) {
    super(`${field}: ${message}`, { cause: options.cause });
    this.name = 'SloInputError';
    this.field = field;
    this.code = options.code ?? 'slo/invalid-input';
  }
}
