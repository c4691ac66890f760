/**
 * Parser for Prometheus' promqltest files (v2.54.1 `promql/promqltest/test.go` format):
 * `load <step>` blocks of series descriptions, `clear`, `eval[_fail|_warn|_ordered] instant at <t> <expr>`,
 * `eval[_fail|_warn] range from <t> to <t> step <d> <expr>`, each eval followed by expected
 * series lines, a scalar line, or `expected_fail_message` / `expected_fail_regexp`.
 */
import { parseDurationResult } from '../duration.js';
import { PromQLError } from '../errors.js';
import {
  parseSeriesDescription,
  InputSeriesError,
  NativeHistogramUnsupportedError,
  type SeriesSequence,
} from '../input-series.js';
import { parseGoFloat } from '../eval/math.js';
import { LoadBudget, LoadLimitError, type LoadLimits } from '../load-limits.js';
import type { Labels } from '../values.js';

/** An unusable test file (code `promqltest/parse`): message carries file:line. */
export class PromqlTestFileError extends PromQLError {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string, options?: { cause?: unknown }) {
    super('promqltest/parse', `${file}:${line}: ${message}`, options);
    this.name = 'PromqlTestFileError';
    this.file = file;
    this.line = line;
  }
}

export interface LoadSeries {
  line: number;
  labels: Labels;
  seq?: SeriesSequence;
  /** Set when the line uses native-histogram notation. */
  nativeHistogram?: boolean;
}

export interface LoadCommand {
  kind: 'load';
  line: number;
  stepMs: number;
  /** `load_with_nhcb`: converts classic histograms into native ones. */
  withNhcb: boolean;
  series: LoadSeries[];
}

export interface ClearCommand {
  kind: 'clear';
  line: number;
}

export interface ExpectedSeries {
  /** 1-based position among the expectation lines (for eval_ordered). */
  pos: number;
  line: number;
  labels: Labels;
  seq?: SeriesSequence;
  nativeHistogram?: boolean;
}

export interface EvalCommand {
  kind: 'eval';
  line: number;
  expr: string;
  range: boolean;
  /** Instant: evaluation time. Range: start. (ms) */
  startMs: number;
  endMs: number;
  stepMs: number;
  fail: boolean;
  warn: boolean;
  ordered: boolean;
  expectedFailMessage?: string;
  expectedFailRegexp?: string;
  /** Expected scalar value, when the expectation is a number line. */
  scalar?: number;
  series: ExpectedSeries[];
}

export type TestCommand = LoadCommand | ClearCommand | EvalCommand;

export interface PromqlTestFile {
  file: string;
  commands: TestCommand[];
}

const PAT_LOAD = /^load(?:_(with_nhcb))?\s+(.+?)$/;
const PAT_EVAL_INSTANT = /^eval(?:_(fail|warn|ordered))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const PAT_EVAL_RANGE = /^eval(?:_(fail|warn))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;

/** Go strconv.ParseInt(s, 0, 64) then ParseFloat, as test.go's parseNumber. */
export function parseTestNumber(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[1-9][0-9_]*|0)$/.exec(s);
  if (m) {
    const sign = m[1] === '-' ? -1 : 1;
    let body = m[2]!;
    const hasPrefix = /^0[xXbBoO]/.test(body) || (body.length > 1 && body.startsWith('0'));
    if (body.includes('_') && !hasPrefix) return parseGoFloat(s);
    body = body.replace(/_/g, '');
    let v: number;
    if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
    else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
    else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
    else if (body.length > 1 && body.startsWith('0')) v = parseInt(body.slice(1), 8);
    else v = Number(body);
    return sign * v;
  }
  return parseGoFloat(s);
}

function duration(file: string, line: number, s: string, what: string): number {
  const d = parseDurationResult(s);
  if ('error' in d) throw new PromqlTestFileError(file, line, `invalid ${what} ${JSON.stringify(s)}: ${d.error}`);
  return d.ms;
}

function seriesLine(
  file: string,
  lineNo: number,
  text: string,
): { labels: Labels; seq?: SeriesSequence; nativeHistogram?: boolean } {
  try {
    const d = parseSeriesDescription(text);
    return { labels: d.labels, seq: { values: d.values, present: d.present } };
  } catch (err) {
    if (err instanceof NativeHistogramUnsupportedError) {
      const brace = text.indexOf('{{');
      const head = text.slice(0, brace);
      // Labels are still useful (to know which selectors touch histograms).
      try {
        const d = parseSeriesDescription(`${head.replace(/\s+$/, '')} 0`);
        return { labels: d.labels, nativeHistogram: true };
      } catch {
        return { labels: {}, nativeHistogram: true };
      }
    }
    if (err instanceof InputSeriesError) throw new PromqlTestFileError(file, lineNo, err.message, { cause: err });
    throw err;
  }
}

/** Options of `parsePromqlTestFile`. */
export interface PromqlTestParseOptions {
  /** Bounds on the series and expanded steps of the file's `load` blocks and expectations, counted from each `clear`. */
  limits?: LoadLimits;
}

/**
 * Parses a promqltest file. Throws `PromqlTestFileError` (file:line) when the file is unusable,
 * including when its series (loaded and expected, counted from each `clear`) pass `options.limits`.
 */
export function parsePromqlTestFile(
  text: string,
  file = '<input>',
  options: PromqlTestParseOptions = {},
): PromqlTestFile {
  const budget = new LoadBudget(options.limits);
  const counted = <T extends { seq?: SeriesSequence }>(lineNo: number, s: T): T => {
    try {
      budget.add(s.seq?.values.length ?? 1);
    } catch (err) {
      if (err instanceof LoadLimitError) throw new PromqlTestFileError(file, lineNo, err.message, { cause: err });
      throw err;
    }
    return s;
  };
  const lines = text.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
  const commands: TestCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === '') continue;
    const lineNo = i + 1;
    const word = l.split(/[\t ]+/, 1)[0]!.toLowerCase();
    if (word === 'clear') {
      commands.push({ kind: 'clear', line: lineNo });
      budget.reset();
      continue;
    }
    if (word.startsWith('load')) {
      const m = PAT_LOAD.exec(l);
      if (!m) throw new PromqlTestFileError(file, lineNo, 'invalid load command. (load[_with_nhcb] <step:duration>)');
      const cmd: LoadCommand = {
        kind: 'load',
        line: lineNo,
        stepMs: duration(file, lineNo, m[2]!, 'step definition'),
        withNhcb: m[1] === 'with_nhcb',
        series: [],
      };
      while (i + 1 < lines.length && lines[i + 1] !== '') {
        i++;
        cmd.series.push({ line: i + 1, ...counted(i + 1, seriesLine(file, i + 1, lines[i]!)) });
      }
      commands.push(cmd);
      continue;
    }
    if (word.startsWith('eval')) {
      const inst = PAT_EVAL_INSTANT.exec(l);
      const rng = PAT_EVAL_RANGE.exec(l);
      if (!inst && !rng) {
        throw new PromqlTestFileError(
          file,
          lineNo,
          "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant [at <offset:duration>] <query>' or 'eval[_fail|_warn] range from <from> to <to> step <step> <query>'",
        );
      }
      let cmd: EvalCommand;
      if (inst) {
        const mod = inst[1];
        const at = duration(file, lineNo, inst[2] ?? '', 'timestamp definition');
        cmd = {
          kind: 'eval',
          line: lineNo,
          expr: inst[3]!,
          range: false,
          startMs: at,
          endMs: at,
          stepMs: 0,
          fail: mod === 'fail',
          warn: mod === 'warn',
          ordered: mod === 'ordered',
          series: [],
        };
      } else {
        const m = rng!;
        const from = duration(file, lineNo, m[2]!, 'start timestamp definition');
        const to = duration(file, lineNo, m[3]!, 'end timestamp definition');
        if (to < from)
          throw new PromqlTestFileError(
            file,
            lineNo,
            `invalid test definition, end timestamp (${m[3]}) is before start timestamp (${m[2]})`,
          );
        const step = duration(file, lineNo, m[4]!, 'step definition');
        cmd = {
          kind: 'eval',
          line: lineNo,
          expr: m[5]!,
          range: true,
          startMs: from,
          endMs: to,
          stepMs: step,
          fail: m[1] === 'fail',
          warn: m[1] === 'warn',
          ordered: false,
          series: [],
        };
      }
      for (let j = 1; i + 1 < lines.length && lines[i + 1] !== ''; j++) {
        i++;
        const def = lines[i]!;
        if (cmd.fail && def.startsWith('expected_fail_message')) {
          cmd.expectedFailMessage = def.slice('expected_fail_message'.length).trim();
          break;
        }
        if (cmd.fail && def.startsWith('expected_fail_regexp')) {
          cmd.expectedFailRegexp = def.slice('expected_fail_regexp'.length).trim();
          break;
        }
        const num = parseTestNumber(def);
        if (num !== undefined) {
          cmd.scalar = num;
          break;
        }
        const s = counted(i + 1, seriesLine(file, i + 1, def));
        if (!cmd.range && s.seq && s.seq.values.length > 1) {
          throw new PromqlTestFileError(
            file,
            i + 1,
            `error in eval ${cmd.expr} (line ${lineNo}): expecting multiple values in instant evaluation not allowed`,
          );
        }
        cmd.series.push({ pos: j, line: i + 1, ...s });
      }
      commands.push(cmd);
      continue;
    }
    throw new PromqlTestFileError(file, lineNo, `invalid command ${JSON.stringify(l)}`);
  }
  return { file, commands };
}
