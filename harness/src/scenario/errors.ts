/** Errors of the scenario, KPI, result and report modules of the harness, with stable codes. */
export class ScenarioError extends Error {
  readonly code: string;
  constructor(message: string, code = 'scenario/invalid', options?: { cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'ScenarioError';
    this.code = code;
  }
}
