/**
 * Sloth's `prometheus/v1` spec (github.com/slok/sloth, `pkg/prometheus/api/v1`) into the SLO model:
 * `sli.events` (error_query/total_query) and `sli.raw` (error_ratio_query) with `{{.window}}`;
 * `alerting.page_alert` maps to the page tiers and `ticket_alert` to the ticket tiers (labels,
 * annotations, `disable`); also the Kubernetes `PrometheusServiceLevel` (`sloth.slok.dev/v1`). Sloth's SLI
 * plugins are not supported; SLO plugin chains (`slo_plugins`, `plugins`) are ignored. The period is 30d unless given.
 */
import { SloInputError } from '../errors.js';
import { defineSlo, type AlertingOptions, type Sli, type SloSpec } from '../spec.js';
import type { TierOverride } from '../windows.js';
import { WORKBOOK_TIERS } from '../windows.js';
import { labelMap, list, num, obj, optObj, optStr, str, type Obj } from './fields.js';

export const SLOTH_VERSION = 'prometheus/v1';
/** The Kubernetes form: `PrometheusServiceLevel` with the same body under `spec`. */
export const SLOTH_K8S_API_VERSION = 'sloth.slok.dev/v1';

/** Field names: the YAML spec's snake_case, or the Kubernetes CRD's camelCase. */
function keys(k8s: boolean) {
  return k8s
    ? { page: 'pageAlert', ticket: 'ticketAlert', error: 'errorQuery', total: 'totalQuery', ratio: 'errorRatioQuery' }
    : {
        page: 'page_alert',
        ticket: 'ticket_alert',
        error: 'error_query',
        total: 'total_query',
        ratio: 'error_ratio_query',
      };
}

function tierOverrides(a: Obj, field: string, k8s: boolean): Record<string, TierOverride> {
  const out: Record<string, TierOverride> = {};
  const k = keys(k8s);
  for (const [key, severity] of [
    [k.page, 'page'],
    [k.ticket, 'ticket'],
  ] as const) {
    const t = optObj(a[key], `${field}.${key}`);
    if (!t) continue;
    const tiers = WORKBOOK_TIERS.filter((w) => w.severity === severity).map((w) => w.name);
    if (t.disable === true) {
      for (const n of tiers) out[n] = false;
      continue;
    }
    const labels = labelMap(t.labels, `${field}.${key}.labels`);
    for (const n of tiers) out[n] = labels ? { labels } : {};
  }
  return out;
}

function sli(v: unknown, field: string, k8s: boolean): Sli {
  const s = obj(v, field);
  const k = keys(k8s);
  if (s.plugin !== undefined)
    throw new SloInputError(`${field}.plugin`, 'Sloth SLI plugins are not supported; write the events or raw queries');
  const raw = optObj(s.raw, `${field}.raw`);
  if (raw) return { type: 'ratio', errorRatio: { query: str(raw[k.ratio], `${field}.raw.${k.ratio}`) } };
  const ev = obj(s.events, `${field}.events`);
  return {
    type: 'ratio',
    errors: { query: str(ev[k.error], `${field}.events.${k.error}`) },
    total: { query: str(ev[k.total], `${field}.events.${k.total}`) },
  };
}

/** The SLOs of a parsed Sloth spec document. */
export function fromSloth(doc: unknown, opts: { period?: string; field?: string; k8s?: boolean } = {}): SloSpec[] {
  const k8s = opts.k8s ?? false;
  const f = opts.field ?? '';
  const d = obj(doc, f || '(document)');
  const at = (k: string): string => (f ? `${f}.${k}` : k);
  if (d.apiVersion === SLOTH_K8S_API_VERSION) {
    if (d.kind !== 'PrometheusServiceLevel')
      throw new SloInputError(at('kind'), `expected PrometheusServiceLevel, got ${JSON.stringify(d.kind)}`);
    return fromSloth({ ...obj(d.spec, at('spec')), version: SLOTH_VERSION }, { ...opts, field: at('spec'), k8s: true });
  }
  if (d.version !== SLOTH_VERSION)
    throw new SloInputError(
      at('version'),
      `unknown Sloth spec version ${JSON.stringify(d.version)}; supported: ${SLOTH_VERSION}`,
      { code: 'slo/unknown-version' },
    );
  const service = str(d.service, at('service'));
  const labels = labelMap(d.labels, at('labels'));
  return list(d.slos, at('slos')).map((raw, i) => {
    const field = at(`slos[${i}]`);
    const s = obj(raw, field);
    const a = optObj(s.alerting, `${field}.alerting`) ?? {};
    const alerting: AlertingOptions = {
      // Sloth takes any alert name; ours are identifiers, so other characters become `_`.
      name: optStr(a.name, `${field}.alerting.name`)
        ?.replace(/[^a-zA-Z0-9_]/g, '_')
        .replace(/^(\d)/, '_$1'),
      labels: labelMap(a.labels, `${field}.alerting.labels`),
      annotations: labelMap(a.annotations, `${field}.alerting.annotations`),
      overrides: tierOverrides(a, `${field}.alerting`, k8s),
    };
    return defineSlo(
      {
        name: str(s.name, `${field}.name`),
        service,
        description: optStr(s.description, `${field}.description`),
        objective: num(s.objective, `${field}.objective`),
        period: opts.period ?? '30d',
        labels: { ...(labels ?? {}), ...(labelMap(s.labels, `${field}.labels`) ?? {}) },
        sli: sli(s.sli, `${field}.sli`, k8s),
        alerting,
      },
      field,
    );
  });
}
