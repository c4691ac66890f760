/**
 * The resource-limit flags of the commands that run test files (`test`, `promqltest`): how many
 * series and expanded samples a test may load, and how many samples one query may hold. Each is
 * a decimal integer checked before any file is read.
 */
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from '@alertcraft/promql';
import { flagInteger, type ParsedFlags } from './command.js';

export const LIMIT_FLAGS = ['max-series', 'max-samples', 'query-max-samples'] as const;

export interface LimitFlags {
  limits: LoadLimits;
  queryMaxSamples?: number;
}

/** Help lines for the limit flags; `queryDefault` is the command's per-query default. */
export function limitFlagsHelp(queryDefault: string): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `  --max-series N         most series a test may load (default ${n(DEFAULT_LOAD_LIMITS.maxSeries)})`,
    `  --max-samples N        most samples (expanded steps) a test may load (default ${n(DEFAULT_LOAD_LIMITS.maxSamples)})`,
    `  --query-max-samples N  most samples one query may hold (default ${queryDefault})`,
  ];
}

/** Reads the limit flags; a bad value is a UsageError naming the flag. */
export function limitFlags(parsed: ParsedFlags): LimitFlags {
  const maxSeries = flagInteger(parsed, 'max-series', { min: 1 });
  const maxSamples = flagInteger(parsed, 'max-samples', { min: 1 });
  const queryMaxSamples = flagInteger(parsed, 'query-max-samples', { min: 1 });
  return {
    limits: {
      ...(maxSeries !== undefined ? { maxSeries } : {}),
      ...(maxSamples !== undefined ? { maxSamples } : {}),
    },
    ...(queryMaxSamples !== undefined ? { queryMaxSamples } : {}),
  };
}
