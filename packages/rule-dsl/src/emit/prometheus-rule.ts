import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { CrdValidationError, RuleDslInputError } from '../errors.js';
import type { RuleFile, RuleGroup } from '../model.js';
import { prometheusRuleSchema } from './prometheus-rule-schema.js';
import { orderedGroup, stableYaml } from './rule-file.js';

/** A `monitoring.coreos.com/v1` PrometheusRule as this package writes it. */
export interface IPrometheusRule {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'PrometheusRule';
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { groups: RuleGroup[] };
}

export interface PrometheusRuleOptions {
  /** metadata.name: a DNS-1123 subdomain (lowercase alphanumerics, '-', '.'). */
  name: string;
  namespace?: string;
  /** metadata.labels, e.g. the `release: kube-prometheus-stack` selector label. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

let validator: ValidateFunction | undefined;

/** The schema's validator, compiled on first use (ajv is loaded only by code that emits a PrometheusRule). */
function validatePrometheusRule(data: unknown): readonly ErrorObject[] {
  if (!validator) {
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv') as typeof import('ajv').default;
    validator = new Ajv({ allErrors: true, strict: true }).compile(prometheusRuleSchema);
  }
  return validator(data) ? [] : (validator.errors ?? []);
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
 * prometheus-operator CRD's schema (`prometheus-rule-schema.ts`, checked with ajv); throws
 * `CrdValidationError` when it does not validate.
 */
export function toPrometheusRule(file: RuleFile, opts: PrometheusRuleOptions): IPrometheusRule {
  if (!DNS1123.test(opts.name) || opts.name.length > 253) {
    throw new RuleDslInputError(
      `PrometheusRule name ${JSON.stringify(opts.name)} is not a valid Kubernetes name: use lowercase letters, digits, '-' and '.', starting and ending alphanumeric`,
    );
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
  const errors = validatePrometheusRule(data);
  if (errors.length > 0) {
    const what = errors.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ');
    throw new CrdValidationError(
      `PrometheusRule ${opts.name} does not validate against the prometheus-operator schema: ${what}`,
    );
  }
  return data;
}

/** PrometheusRule CRD YAML (byte-stable), validated as `toPrometheusRule` does. */
export function emitPrometheusRule(file: RuleFile, opts: PrometheusRuleOptions): string {
  return stableYaml(toPrometheusRule(file, opts));
}
