import type { ValueType } from './ast.js';

/**
 * Signatures of every PromQL function of Prometheus v2.54.1 (`promql/parser/functions.go`).
 * `variadic`: 0 = exactly `argTypes.length` arguments; n > 0 = the last argument type is
 * optional and may repeat up to n times in total; -1 = the last argument type repeats without limit.
 * `experimental` functions are rejected unless the experimental-functions option is on (the rule
 * loader of Prometheus does not enable them).
 */
export interface FunctionSignature {
  name: string;
  argTypes: readonly ValueType[];
  variadic: number;
  returnType: ValueType;
  experimental: boolean;
}

const T: Record<string, ValueType> = { v: 'vector', m: 'matrix', s: 'scalar', S: 'string' };

// [name, argument types (v=vector m=matrix s=scalar S=string), variadic, return type, experimental]
const TABLE: ReadonlyArray<readonly [string, string, number, string, boolean?]> = [
  ['abs', 'v', 0, 'v'],
  ['absent', 'v', 0, 'v'],
  ['absent_over_time', 'm', 0, 'v'],
  ['acos', 'v', 0, 'v'],
  ['acosh', 'v', 0, 'v'],
  ['asin', 'v', 0, 'v'],
  ['asinh', 'v', 0, 'v'],
  ['atan', 'v', 0, 'v'],
  ['atanh', 'v', 0, 'v'],
  ['avg_over_time', 'm', 0, 'v'],
  ['ceil', 'v', 0, 'v'],
  ['changes', 'm', 0, 'v'],
  ['clamp', 'vss', 0, 'v'],
  ['clamp_max', 'vs', 0, 'v'],
  ['clamp_min', 'vs', 0, 'v'],
  ['cos', 'v', 0, 'v'],
  ['cosh', 'v', 0, 'v'],
  ['count_over_time', 'm', 0, 'v'],
  ['days_in_month', 'v', 1, 'v'],
  ['day_of_month', 'v', 1, 'v'],
  ['day_of_week', 'v', 1, 'v'],
  ['day_of_year', 'v', 1, 'v'],
  ['deg', 'v', 0, 'v'],
  ['delta', 'm', 0, 'v'],
  ['deriv', 'm', 0, 'v'],
  ['exp', 'v', 0, 'v'],
  ['floor', 'v', 0, 'v'],
  ['histogram_avg', 'v', 0, 'v'],
  ['histogram_count', 'v', 0, 'v'],
  ['histogram_sum', 'v', 0, 'v'],
  ['histogram_stddev', 'v', 0, 'v'],
  ['histogram_stdvar', 'v', 0, 'v'],
  ['histogram_fraction', 'ssv', 0, 'v'],
  ['histogram_quantile', 'sv', 0, 'v'],
  ['holt_winters', 'mss', 0, 'v'],
  ['hour', 'v', 1, 'v'],
  ['idelta', 'm', 0, 'v'],
  ['increase', 'm', 0, 'v'],
  ['irate', 'm', 0, 'v'],
  ['label_replace', 'vSSSS', 0, 'v'],
  ['label_join', 'vSSS', -1, 'v'],
  ['last_over_time', 'm', 0, 'v'],
  ['ln', 'v', 0, 'v'],
  ['log10', 'v', 0, 'v'],
  ['log2', 'v', 0, 'v'],
  ['mad_over_time', 'm', 0, 'v', true],
  ['max_over_time', 'm', 0, 'v'],
  ['min_over_time', 'm', 0, 'v'],
  ['minute', 'v', 1, 'v'],
  ['month', 'v', 1, 'v'],
  ['pi', '', 0, 's'],
  ['predict_linear', 'ms', 0, 'v'],
  ['present_over_time', 'm', 0, 'v'],
  ['quantile_over_time', 'sm', 0, 'v'],
  ['rad', 'v', 0, 'v'],
  ['rate', 'm', 0, 'v'],
  ['resets', 'm', 0, 'v'],
  ['round', 'vs', 1, 'v'],
  ['scalar', 'v', 0, 's'],
  ['sgn', 'v', 0, 'v'],
  ['sin', 'v', 0, 'v'],
  ['sinh', 'v', 0, 'v'],
  ['sort', 'v', 0, 'v'],
  ['sort_desc', 'v', 0, 'v'],
  ['sort_by_label', 'vS', -1, 'v', true],
  ['sort_by_label_desc', 'vS', -1, 'v', true],
  ['sqrt', 'v', 0, 'v'],
  ['stddev_over_time', 'm', 0, 'v'],
  ['stdvar_over_time', 'm', 0, 'v'],
  ['sum_over_time', 'm', 0, 'v'],
  ['tan', 'v', 0, 'v'],
  ['tanh', 'v', 0, 'v'],
  ['time', '', 0, 's'],
  ['timestamp', 'v', 0, 'v'],
  ['vector', 's', 0, 'v'],
  ['year', 'v', 1, 'v'],
];

/** All functions by name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map(
  TABLE.map(([name, args, variadic, ret, experimental]) => [
    name,
    { name, argTypes: [...args].map((a) => T[a]!), variadic, returnType: T[ret]!, experimental: experimental ?? false },
  ]),
);

/** Look a function up by its exact (case-sensitive) name. */
export function getFunction(name: string): FunctionSignature | undefined {
  return FUNCTIONS.get(name);
}

/** Functions added after Prometheus v2.42 (the Debian promtool): used to classify differential results. */
export const FUNCTIONS_NEWER_THAN_2_42: ReadonlySet<string> = new Set([
  'histogram_avg',
  'histogram_stddev',
  'histogram_stdvar',
  'mad_over_time',
  'sort_by_label',
  'sort_by_label_desc',
]);
