/**
 * Loader for the Prometheus text exposition format (0.0.4) and OpenMetrics text (1.0),
 * with optional per-sample timestamps. Malformed lines and out-of-order samples are errors
 * carrying the 1-based line number.
 */
import { PromQLError } from '../errors.js';
import { parseSeriesMetric, parseSeriesNumber, InputSeriesError } from '../input-series.js';
import { OutOfOrderSampleError, type Storage } from '../storage/memory-storage.js';
import type { Labels } from '../values.js';

/** Malformed exposition text (code `promql/exposition`) or an out-of-order sample in it (`promql/out-of-order`). */
export class ExpositionError extends PromQLError {
  readonly line: number;
  readonly file?: string;
  constructor(message: string, line: number, options?: { file?: string; code?: string; cause?: unknown }) {
    super(options?.code ?? 'promql/exposition', `${options?.file ? `${options.file}:` : 'line '}${line}: ${message}`, {
      cause: options?.cause,
    });
    this.name = 'ExpositionError';
    this.line = line;
    this.file = options?.file;
  }
}

export type ExpositionFormat = 'prometheus' | 'openmetrics';

export interface ExpositionOptions {
  /**
   * `prometheus`: timestamps are integer milliseconds. `openmetrics`: timestamps are seconds
   * (may be fractional) and `# EOF` ends the input. Default: openmetrics when the text contains
   * a `# EOF` line, else prometheus.
   */
  format?: ExpositionFormat;
  /** Timestamp for samples written without one (ms). Required when such samples occur. */
  defaultTimestampMs?: number;
  /** File name used in error messages. */
  file?: string;
}

/** Calls `onSample` for each sample line; returns the number of samples. */
export function parseExposition(
  text: string,
  onSample: (labels: Labels, t: number, v: number, line: number) => void,
  options: ExpositionOptions = {},
): number {
  const format: ExpositionFormat = options.format ?? (/^# EOF\s*$/m.test(text) ? 'openmetrics' : 'prometheus');
  const file = options.file;
  const cache = new Map<string, Labels>();
  let count = 0;
  let sawEof = false;
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop(); // trailing newline
  let lineNo = 0;
  for (const raw of lines) {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (sawEof) {
      if (line.trim() !== '') throw new ExpositionError('content after "# EOF"', lineNo, { file });
      continue;
    }
    if (line.trim() === '') {
      if (format === 'openmetrics')
        throw new ExpositionError('empty line is not allowed in OpenMetrics', lineNo, { file });
      continue;
    }
    if (line.startsWith('#')) {
      if (/^# EOF\s*$/.test(line)) {
        sawEof = true;
        continue;
      }
      const m = /^#\s+(HELP|TYPE|UNIT)\s+(\S+)(?:\s+(.*))?$/.exec(line);
      if (m && m[1] === 'TYPE') {
        const t = (m[3] ?? '').trim();
        const ok = [
          'counter',
          'gauge',
          'histogram',
          'summary',
          'untyped',
          'unknown',
          'info',
          'stateset',
          'gaugehistogram',
        ];
        if (!ok.includes(t))
          throw new ExpositionError(`unknown metric type ${JSON.stringify(t)} in TYPE line`, lineNo, { file });
      }
      continue;
    }
    // Metric part: name{labels} (cache by its text).
    let metricEnd: number;
    const brace = line.indexOf('{');
    const firstSpace = line.search(/[ \t]/);
    if (brace >= 0 && (firstSpace < 0 || brace < firstSpace)) {
      metricEnd = -1;
    } else {
      metricEnd = firstSpace;
    }
    let labels: Labels;
    let rest: string;
    try {
      if (metricEnd > 0) {
        const key = line.slice(0, metricEnd);
        let l = cache.get(key);
        if (!l) {
          const parsed = parseSeriesMetric(key);
          if (parsed.end !== key.length) throw new InputSeriesError(`invalid metric name ${JSON.stringify(key)}`, 1);
          l = parsed.labels;
          cache.set(key, l);
        }
        labels = l;
        rest = line.slice(metricEnd);
      } else {
        const parsed = parseSeriesMetric(line);
        const key = line.slice(0, parsed.end);
        labels = cache.get(key) ?? parsed.labels;
        cache.set(key, labels);
        rest = line.slice(parsed.end);
      }
    } catch (err) {
      if (err instanceof InputSeriesError) {
        throw new ExpositionError(`malformed sample line: ${err.message}`, lineNo, { file, cause: err });
      }
      throw err;
    }
    if (labels.__name__ === undefined) throw new ExpositionError('sample line without a metric name', lineNo, { file });
    // Drop an OpenMetrics exemplar.
    const hash = rest.indexOf(' # ');
    if (hash >= 0) rest = rest.slice(0, hash);
    const fields = rest.trim().split(/[ \t]+/);
    if (fields.length < 1 || fields[0] === '' || fields.length > 2 || !/^[ \t]/.test(rest)) {
      throw new ExpositionError(
        `malformed sample line: expected "<metric> <value> [<timestamp>]", got ${JSON.stringify(line)}`,
        lineNo,
        { file },
      );
    }
    const v = parseSeriesNumber(fields[0]!);
    if (v === undefined || fields[0]!.includes('_'))
      throw new ExpositionError(`invalid sample value ${JSON.stringify(fields[0])}`, lineNo, { file });
    let t: number;
    if (fields.length === 2) {
      const ts = fields[1]!;
      if (format === 'prometheus') {
        if (!/^-?\d+$/.test(ts))
          throw new ExpositionError(`invalid timestamp ${JSON.stringify(ts)} (expected integer milliseconds)`, lineNo, {
            file,
          });
        t = Number(ts);
      } else {
        if (!/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(ts))
          throw new ExpositionError(`invalid timestamp ${JSON.stringify(ts)} (expected seconds)`, lineNo, { file });
        t = Math.round(Number(ts) * 1000);
      }
    } else {
      if (options.defaultTimestampMs === undefined) {
        throw new ExpositionError('sample without a timestamp and no default timestamp given', lineNo, { file });
      }
      t = options.defaultTimestampMs;
    }
    try {
      onSample(labels, t, v, lineNo);
    } catch (err) {
      if (err instanceof OutOfOrderSampleError) {
        throw new ExpositionError(err.message, lineNo, { file, code: 'promql/out-of-order', cause: err });
      }
      throw err;
    }
    count++;
  }
  if (format === 'openmetrics' && !sawEof)
    throw new ExpositionError('OpenMetrics input must end with "# EOF"', lineNo, { file });
  return count;
}

/** Parses exposition text into `storage`; returns the number of samples appended. */
export function loadExposition(storage: Storage, text: string, options: ExpositionOptions = {}): number {
  return parseExposition(text, (labels, t, v) => storage.append(labels, t, v), options);
}
