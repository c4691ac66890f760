// JSON schema of a `monitoring.coreos.com/v1` PrometheusRule, written by hand from the CRD's
// `openAPIV3Schema` in prometheus-operator (Apache-2.0): `example/prometheus-operator-crd/
// monitoring.coreos.com_prometheusrules.yaml` of prometheus-operator v0.76, the API types in
// `pkg/apis/monitoring/v1/prometheusrule_types.go` and the `Duration`/`NonEmptyDuration` patterns of
// `pkg/apis/monitoring/v1/types.go`. Only the fields a rule file can carry are described; the CRD's
// `status` and ObjectMeta's server-set fields are left out. Validated with ajv (see prometheus-rule.ts).

/** The CRD's `Duration` pattern (`0`, or units y w d h m s ms in that order). */
export const CRD_DURATION_PATTERN =
  '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$';

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const duration = { type: 'string', pattern: CRD_DURATION_PATTERN } as const;
const nonEmptyDuration = { type: 'string', minLength: 1, pattern: CRD_DURATION_PATTERN } as const;

const rule = {
  type: 'object',
  required: ['expr'],
  properties: {
    record: { type: 'string' },
    alert: { type: 'string' },
    // IntOrString in the CRD.
    expr: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    for: duration,
    keep_firing_for: nonEmptyDuration,
    labels: stringMap,
    annotations: stringMap,
  },
} as const;

const ruleGroup = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    interval: duration,
    query_offset: duration,
    limit: { type: 'integer' },
    labels: stringMap,
    // The CRD's pattern is the RE2 `^(?i)(abort|warn)?$`; spelled without the inline flag here.
    partial_response_strategy: { type: 'string', pattern: '^([aA][bB][oO][rR][tT]|[wW][aA][rR][nN])?$' },
    rules: { type: 'array', items: rule },
  },
} as const;

/** The PrometheusRule object: apiVersion, kind, metadata (name, namespace, labels, annotations), spec.groups. */
export const prometheusRuleSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'spec'],
  properties: {
    apiVersion: { type: 'string', enum: ['monitoring.coreos.com/v1'] },
    kind: { type: 'string', enum: ['PrometheusRule'] },
    metadata: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        namespace: { type: 'string' },
        labels: stringMap,
        annotations: stringMap,
      },
    },
    spec: {
      type: 'object',
      properties: { groups: { type: 'array', items: ruleGroup } },
    },
  },
} as const;
