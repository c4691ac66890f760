/** Bad health-score input: `field` is the path of the offending value (`components[1].weight`). */
export class HealthScoreError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'HealthScoreError';
    this.field = field;
  }
}
