/**
 * Sloth's `prometheus/v1` spec (github.com/slok/sloth, `pkg/prometheus/api/v1`) into the SLO model:
 * `sli.events` (error_query/total_query) and `sli.raw` (error_ratio_query) with `{{.window}}`;
 * `alerting.page_alert` maps to the page tiers and `ticket_alert` to the ticket tiers (labels,
 * annotations, `disable`). Sloth's SLI plugins are not supported. The period is 30d unless given.
 */
import { SloInputError } from '../errors.js';
import { defineSlo, type AlertingOptions, type Sli, type SloSpec } from '../spec.js';
import type { TierOverride } from '../windows.js';
import { WORKBOOK_TIERS } from '../windows.js';
import { labelMap, list, num, obj, optObj, optStr, str, type Obj } from './fields.js';

export const SLOTH_VERSION = 'prometheus/v1';

function tierOverrides(a: Obj, field: string): Record<string, TierOverride> {
  const out: Record<string, TierOverride> = {};
  for (const [key, severity] of [['page_alert', 'page'], ['ticket_alert', 'ticket']] as const) {
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

function sli(v: unknown, field: string): Sli {
  const s = obj(v, field);
  if (s.plugin !== undefined) throw new SloInputError(`${field}.plugin`, 'Sloth SLI plugins are not supported; write the events or raw queries');
  const raw = optObj(s.raw, `${field}.raw`);
  if (raw) return { type: 'ratio', errorRatio: { query: str(raw.error_ratio_query, `${field}.raw.error_ratio_query`) } };
  const ev = obj(s.events, `${field}.events`);
  return {
    type: 'ratio',
    errors: { query: str(ev.error_query, `${field}.events.error_query`) },
    total: { query: str(ev.total_query, `${field}.events.total_query`) },
  };
}

/** The SLOs of a parsed Sloth spec document. */
export function fromSloth(doc: unknown, opts: { period?: string; field?: string } = {}): SloSpec[] {
  const f = opts.field ?? '';
  const d = obj(doc, f || '(document)');
  const at = (k: string): string => (f ? `${f}.${k}` : k);
  if (d.version !== SLOTH_VERSION) throw new SloInputError(at('version'), `unknown Sloth spec version ${JSON.stringify(d.version)}; supported: ${SLOTH_VERSION}`, { code: 'slo/unknown-version' });
  const service = str(d.service, at('service'));
  const labels = labelMap(d.labels, at('labels'));
  return list(d.slos, at('slos')).map((raw, i) => {
    const field = at(`slos[${i}]`);
    const s = obj(raw, field);
    const a = optObj(s.alerting, `${field}.alerting`) ?? {};
    const alerting: AlertingOptions = {
      name: optStr(a.name, `${field}.alerting.name`),
      labels: labelMap(a.labels, `${field}.alerting.labels`),
      annotations: labelMap(a.annotations, `${field}.alerting.annotations`),
      overrides: tierOverrides(a, `${field}.alerting`),
    };
    return defineSlo(
      {
        name: str(s.name, `${field}.name`),
        service,
        description: optStr(s.description, `${field}.description`),
        objective: num(s.objective, `${field}.objective`),
        period: opts.period ?? '30d',
        labels: { ...(labels ?? {}), ...(labelMap(s.labels, `${field}.labels`) ?? {}) },
        sli: sli(s.sli, `${field}.sli`),
        alerting,
      },
      field,
    );
  });
}
