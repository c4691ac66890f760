/** One finding of the validator: where (JSON path), what, and how to fix it. */
export interface Problem {
  /** JSON path, e.g. `$.panels[2].fieldConfig.thresholds`. */
  path: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  fix: string;
}

export function problem(
  severity: Problem['severity'],
  code: string,
  path: string,
  message: string,
  fix: string,
): Problem {
  return { path, severity, code, message, fix };
}
