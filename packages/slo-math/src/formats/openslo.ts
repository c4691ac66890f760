/**
 * OpenSLO `openslo/v1` and `openslo/v1alpha` SLOs into the SLO model. Mapped: ratio metrics
 * (`ratioMetric` / v1alpha `ratioMetrics`, good/bad and total, Prometheus queries; counters get
 * `rate()` over each window), a `thresholdMetric` over a histogram's `_bucket` series with `lte`/`lt`
 * (a latency SLI), rolling time windows, and `Occurrences` budgeting. Not supported, with a clear
 * error: `Timeslices`/`RatioTimeslices` budgeting, calendar windows, non-Prometheus sources.
 * `indicatorRef` resolves against `SLI` documents of the same file.
 */
import { metric, Selector } from '@alertcraft/rule-dsl';
import { positiveDuration } from '../durations.js';
import { SloInputError } from '../errors.js';
import { singleSelectorOf } from '../generate-rules.js';
import { defineSlo, type EventSource, type Sli, type SloSpec } from '../spec.js';
import { list, num, obj, optObj, optStr, str, type Obj } from './fields.js';

export const OPENSLO_VERSIONS = ['openslo/v1', 'openslo/v1alpha'] as const;

const RANGE_RE = /\[\s*\d+(?:ms|[smhdwy])(?:\d+(?:ms|[smhdwy]))*\s*\]/g;

/** A Prometheus query of an OpenSLO metric source as an event source. */
function source(v: unknown, field: string, counter: boolean): EventSource {
  const m = obj(v, field);
  let query: string;
  if (m.metricSource !== undefined) {
    const ms = obj(m.metricSource, `${field}.metricSource`);
    const type = optStr(ms.type, `${field}.metricSource.type`);
    if (type && type.toLowerCase() !== 'prometheus')
      throw new SloInputError(
        `${field}.metricSource.type`,
        `only Prometheus sources are supported, got ${JSON.stringify(type)}`,
      );
    const spec = obj(ms.spec, `${field}.metricSource.spec`);
    query = str(spec.query ?? spec.promql, `${field}.metricSource.spec.query`);
  } else {
    const src = optStr(m.source, `${field}.source`);
    if (src && src.toLowerCase() !== 'prometheus')
      throw new SloInputError(`${field}.source`, `only Prometheus sources are supported, got ${JSON.stringify(src)}`);
    query = str(m.query, `${field}.query`);
  }
  if (RANGE_RE.test(query)) return { query: query.replace(RANGE_RE, '[{{.window}}]') };
  const sel = singleSelectorOf(query);
  if (!sel)
    throw new SloInputError(
      `${field}.query`,
      'expected a counter selector or a query with a range such as rate(x[5m])',
    );
  if (!counter) throw new SloInputError(`${field}`, 'only counter (counter: true) ratio metrics are supported');
  return sel;
}

function ratioSli(r: Obj, field: string): Sli {
  const counter = r.counter !== false;
  const total = source(r.total, `${field}.total`, counter);
  if (r.good !== undefined && r.bad !== undefined) throw new SloInputError(field, 'give good or bad, not both');
  if (r.bad !== undefined) return { type: 'ratio', errors: source(r.bad, `${field}.bad`, counter), total };
  return { type: 'ratio', good: source(r.good, `${field}.good`, counter), total };
}

function thresholdSli(t: Obj, objective: Obj, field: string, objField: string): Sli {
  const src = source(t, field, true);
  const sel = src instanceof Selector ? src : singleSelectorOf(src.query);
  if (!sel?.metric?.endsWith('_bucket')) {
    throw new SloInputError(
      field,
      'a thresholdMetric maps only to a histogram _bucket series (a latency SLI); others need Timeslices, which are not supported',
      { code: 'slo/no-buckets' },
    );
  }
  const op = str(objective.op, `${objField}.op`);
  if (op !== 'lte' && op !== 'lt')
    throw new SloInputError(
      `${objField}.op`,
      `a latency SLI counts requests at or under the threshold: expected lte, got ${JSON.stringify(op)}`,
    );
  return {
    type: 'latency',
    buckets: metric(
      sel.metric,
      Object.fromEntries(
        sel.matchers.filter((m) => m.name !== 'le').map((m) => [m.name, { op: m.op, value: m.value }]),
      ),
    ),
    thresholdLe: num(objective.value, `${objField}.value`),
  };
}

const UNITS: Record<string, string> = { second: 's', minute: 'm', hour: 'h', day: 'd', week: 'w' };

function period(d: Obj, v1: boolean, field: string): string {
  const key = v1 ? 'timeWindow' : 'timeWindows';
  const windows = list(d[key], `${field}.${key}`);
  const w = obj(windows[0], `${field}.${key}[0]`);
  if (w.isRolling === false || w.calendar !== undefined)
    throw new SloInputError(`${field}.${key}[0]`, 'calendar-aligned windows are not supported; use a rolling window');
  if (v1) {
    const f = `${field}.${key}[0].duration`;
    const d = str(w.duration, f);
    positiveDuration(f, d);
    return d;
  }
  const unit = UNITS[str(w.unit, `${field}.${key}[0].unit`).toLowerCase()];
  if (!unit)
    throw new SloInputError(
      `${field}.${key}[0].unit`,
      `unknown unit ${JSON.stringify(w.unit)}; expected Second, Minute, Hour, Day or Week`,
    );
  const text = `${num(w.count, `${field}.${key}[0].count`)}${unit}`;
  positiveDuration(`${field}.${key}[0].count`, text);
  return text;
}

/** OpenSLO documents (SLO, and SLI for `indicatorRef`) into SLOs. */
export function fromOpenSlo(docs: readonly unknown[], opts: { field?: (i: number) => string } = {}): SloSpec[] {
  const at = opts.field ?? ((i: number) => (docs.length > 1 ? `documents[${i}]` : ''));
  const join = (a: string, b: string): string => (a ? `${a}.${b}` : b);
  const slis = new Map<string, Obj>();
  docs.forEach((d, i) => {
    const o = obj(d, at(i) || '(document)');
    if (o.kind === 'SLI') slis.set(str(obj(o.metadata, join(at(i), 'metadata')).name, join(at(i), 'metadata.name')), o);
  });
  const out: SloSpec[] = [];
  docs.forEach((d, i) => {
    const f = at(i);
    const o = d as Obj;
    if (!OPENSLO_VERSIONS.includes(o.apiVersion as (typeof OPENSLO_VERSIONS)[number])) {
      throw new SloInputError(
        join(f, 'apiVersion'),
        `unknown OpenSLO version ${JSON.stringify(o.apiVersion)}; supported: ${OPENSLO_VERSIONS.join(', ')}`,
        { code: 'slo/unknown-version' },
      );
    }
    if (o.kind !== 'SLO') return;
    const v1 = o.apiVersion === 'openslo/v1';
    const name = str(obj(o.metadata, join(f, 'metadata')).name, join(f, 'metadata.name'));
    const spec = obj(o.spec, join(f, 'spec'));
    const sf = join(f, 'spec');
    const method = optStr(spec.budgetingMethod, `${sf}.budgetingMethod`) ?? 'Occurrences';
    if (method !== 'Occurrences') {
      throw new SloInputError(
        `${sf}.budgetingMethod`,
        `${method} budgeting is not supported (only Occurrences: good events over all events)`,
        { code: 'slo/unsupported' },
      );
    }
    const per = period(spec, v1, sf);
    let indicator: Obj | undefined;
    if (v1) {
      const ref = optStr(spec.indicatorRef, `${sf}.indicatorRef`);
      if (ref !== undefined) {
        indicator = slis.get(ref);
        if (!indicator)
          throw new SloInputError(`${sf}.indicatorRef`, `no SLI document named ${JSON.stringify(ref)} in this file`);
      } else indicator = obj(spec.indicator, `${sf}.indicator`);
    }
    const objectives = list(spec.objectives, `${sf}.objectives`);
    objectives.forEach((rawObj, j) => {
      const of = `${sf}.objectives[${j}]`;
      const ob = obj(rawObj, of);
      const target =
        ob.target !== undefined ? num(ob.target, `${of}.target`) * 100 : num(ob.targetPercent, `${of}.targetPercent`);
      let sli: Sli;
      if (v1) {
        const is = obj(indicator!.spec, 'indicator.spec');
        const ratio = optObj(is.ratioMetric, 'indicator.spec.ratioMetric');
        const thr = optObj(is.thresholdMetric, 'indicator.spec.thresholdMetric');
        if (ratio) sli = ratioSli(ratio, 'indicator.spec.ratioMetric');
        else if (thr) sli = thresholdSli(thr, ob, 'indicator.spec.thresholdMetric', of);
        else throw new SloInputError('indicator.spec', 'expected ratioMetric or thresholdMetric');
      } else {
        const ratio = optObj(ob.ratioMetrics, `${of}.ratioMetrics`);
        const thr = optObj(spec.thresholdMetric, `${sf}.thresholdMetric`);
        if (ratio) sli = ratioSli(ratio, `${of}.ratioMetrics`);
        else if (thr) sli = thresholdSli(thr, ob, `${sf}.thresholdMetric`, of);
        else throw new SloInputError(of, 'expected ratioMetrics (or a thresholdMetric on the spec)');
      }
      const suffix = objectives.length > 1 ? `-${j}` : '';
      out.push(
        defineSlo(
          {
            name: `${name}${suffix}`.replace(/[^a-zA-Z0-9_-]/g, '-'),
            service: optStr(spec.service, `${sf}.service`),
            objective: Math.round(target * 1e9) / 1e9,
            period: per,
            sli,
          },
          of,
        ),
      );
    });
  });
  return out;
}
