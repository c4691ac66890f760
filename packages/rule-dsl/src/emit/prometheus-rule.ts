import { PrometheusRule, type IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { CrdValidationError, RuleDslInputError } from '../errors.js';
import type { RuleFile } from '../model.js';
import { orderedGroup, stableYaml } from './rule-file.js';

export interface PrometheusRuleOptions {
  /** metadata.name: a DNS-1123 subdomain (lowercase alphanumerics, '-', '.'). */
  name: string;
  namespace?: string;
  /** metadata.labels, e.g. the `release: kube-prometheus-stack` selector label. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function sorted(r: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!r) return undefined;
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k]!;
  return out;
}

/**
 * The rule file as a `monitoring.coreos.com/v1` PrometheusRule, validated against the
 * prometheus-operator schema (`@kubernetes-models/prometheus-operator`); throws
 * `CrdValidationError` when it does not validate.
 */
export function toPrometheusRule(file: RuleFile, opts: PrometheusRuleOptions): IPrometheusRule {
  if (!DNS1123.test(opts.name) || opts.name.length > 253) {
    throw new RuleDslInputError(`PrometheusRule name ${JSON.stringify(opts.name)} is not a valid Kubernetes name: use lowercase letters, digits, '-' and '.', starting and ending alphanumeric`);
  }
  const metadata: Record<string, unknown> = { name: opts.name };
  if (opts.namespace !== undefined) metadata.namespace = opts.namespace;
  if (opts.labels) metadata.labels = sorted(opts.labels);
  if (opts.annotations) metadata.annotations = sorted(opts.annotations);
  const data = {
    apiVersion: 'monitoring.coreos.com/v1' as const,
    kind: 'PrometheusRule' as const,
    metadata,
    spec: { groups: file.groups.map(orderedGroup) },
  } as unknown as IPrometheusRule;
  try {
    new PrometheusRule(data).validate();
  } catch (err) {
    throw new CrdValidationError(`PrometheusRule ${opts.name} does not validate against the prometheus-operator schema: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return data;
}

/** PrometheusRule CRD YAML (byte-stable), validated as `toPrometheusRule` does. */
export function emitPrometheusRule(file: RuleFile, opts: PrometheusRuleOptions): string {
  return stableYaml(toPrometheusRule(file, opts));
}
