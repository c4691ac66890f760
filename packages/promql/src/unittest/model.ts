/**
 * The promtool unit-test file (`promtool test rules`) as data. Durations are milliseconds; every
 * item keeps the 1-based line where it was written so failures and errors can point at it.
 */

export interface UnitTestFile {
  /** Absolute path of the test file. */
  path: string;
  /** Rule-file patterns as written (relative to the test file). */
  ruleFiles: string[];
  /** Evaluation interval (default 1m). */
  evaluationIntervalMs: number;
  groupEvalOrder: string[];
  tests: TestGroup[];
}

export interface InputSeries {
  series: string;
  values: string;
  line: number;
}

export interface ExpectedAlert {
  expLabels: Record<string, string>;
  expAnnotations: Record<string, string>;
}

export interface AlertTestCase {
  evalTimeMs: number;
  alertname: string;
  expAlerts: ExpectedAlert[];
  line: number;
}

export interface ExpectedSample {
  labels: string;
  value: number;
  histogram?: string;
}

export interface PromqlTestCase {
  expr: string;
  evalTimeMs: number;
  expSamples: ExpectedSample[];
  line: number;
}

export interface TestGroup {
  /** Sample interval of input_series; 0 when absent (promtool 2.54 then uses evaluation_interval; 2.42 does not). */
  intervalMs: number;
  inputSeries: InputSeries[];
  alertRuleTests: AlertTestCase[];
  promqlExprTests: PromqlTestCase[];
  externalLabels: Record<string, string>;
  externalURL: string;
  name: string;
  line: number;
}
