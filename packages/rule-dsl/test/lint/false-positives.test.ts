/**
 * Issue #11: the warning classes that were false positives on public rule files, each with the
 * rule shape that triggered it (metric names from the files named) and the nearby true positive
 * that must still be reported.
 */
import { describe, expect, it } from 'vitest';
import { MetricMetadataError } from '../../src/errors.js';
import { lint } from '../../src/lint/lint.js';
import { metricTypeOf, metricTypesFromMetadata } from '../../src/lint/metric-metadata.js';
import type { RuleGroup } from '../../src/model.js';
import { alertGroup } from './helpers.js';

const found = (groups: RuleGroup[], code: string, opts = {}) => lint(groups, opts).filter((d) => d.code === code);
const warn = (labels: Record<string, string> = { severity: 'warning' }) => ({
  for: '10m',
  labels,
  annotations: { summary: 's' },
});

describe('rate-on-non-counter: metadata before names, name-only guesses are info', () => {
  // Envoy (envoy-mixin) and kubelet (kubernetes-mixin) counters have no _total suffix.
  const envoy = alertGroup({
    alert: 'EnvoyTimeouts',
    expr: 'sum(rate(envoy_cluster_upstream_rq_timeout[5m])) > 1',
    ...warn(),
  });
  const kubelet = alertGroup({
    alert: 'KubeletServerCertificateRenewalErrors',
    expr: 'increase(kubelet_server_expiration_renew_errors[5m]) > 0',
    ...warn(),
  });

  it('reports a name-only guess as info, not a warning', () => {
    for (const g of [envoy, kubelet]) {
      const d = found(g, 'lint/rate-on-non-counter');
      expect(d.map((x) => x.severity)).toEqual(['info']);
      expect(d[0].message).toMatch(/--metadata/);
    }
  });

  it('says nothing when metadata types the series as a counter, and warns when it says gauge', () => {
    const meta = metricTypesFromMetadata({
      status: 'success',
      data: {
        envoy_cluster_upstream_rq_timeout: [
          { type: 'counter', help: 'Total requests that timed out waiting for a response', unit: '' },
        ],
        kubelet_server_expiration_renew_errors: [{ type: 'counter', help: '', unit: '' }],
      },
    });
    expect(found(envoy, 'lint/rate-on-non-counter', { metricTypes: meta })).toEqual([]);
    expect(found(kubelet, 'lint/rate-on-non-counter', { metricTypes: meta })).toEqual([]);
    const gauge = found(envoy, 'lint/rate-on-non-counter', {
      metricTypes: { envoy_cluster_upstream_rq_timeout: 'gauge' },
    });
    expect(gauge.map((x) => x.severity)).toEqual(['warning']);
  });

  it('metadata overrides a counter-looking name, and families cover their _bucket/_count/_total samples', () => {
    const g = alertGroup({ alert: 'A', expr: 'rate(queue_depth_total[5m]) > 1', ...warn() });
    expect(found(g, 'lint/rate-on-non-counter')).toEqual([]);
    expect(
      found(g, 'lint/rate-on-non-counter', { metricTypes: { queue_depth_total: 'gauge' } }).map((x) => x.severity),
    ).toEqual(['warning']);
    const hist = alertGroup({ alert: 'B', expr: 'sum(rate(req_seconds_bucket{le="1"}[5m])) > 1', ...warn() });
    expect(found(hist, 'lint/rate-on-non-counter', { metricTypes: { req_seconds: 'histogram' } })).toEqual([]);
    expect(
      found(hist, 'lint/rate-on-non-counter', { metricTypes: { req_seconds: 'gaugehistogram' } }).map(
        (x) => x.severity,
      ),
    ).toEqual(['warning']);
    expect(metricTypeOf({ http_requests: 'counter' }, 'http_requests_total')).toEqual({
      type: 'counter',
      family: 'http_requests',
    });
    expect(metricTypeOf({ constructor: 'gauge' }, 'toString')).toBeUndefined();
  });

  it('reads the plain map form, turns disagreeing targets into unknown, and names the JSON path of bad input', () => {
    expect(metricTypesFromMetadata({ a: 'counter', b: 'untyped' })).toEqual({ a: 'counter', b: 'unknown' });
    expect(
      metricTypesFromMetadata({ data: { x: [{ type: 'counter' }, { type: 'gauge' }] }, status: 'success' }),
    ).toEqual({ x: 'unknown' });
    const bad = (json: unknown) => {
      try {
        metricTypesFromMetadata(json);
      } catch (e) {
        expect(e).toBeInstanceOf(MetricMetadataError);
        return `${(e as MetricMetadataError).code} ${(e as MetricMetadataError).path}`;
      }
      return 'no error';
    };
    expect(bad({ status: 'success', data: { up: [{ type: 'countr' }] } })).toBe(
      'rule-dsl/invalid-metadata $.data["up"][0].type',
    );
    expect(bad({ status: 'error', error: 'boom' })).toBe('rule-dsl/invalid-metadata $.status');
    expect(bad([1, 2])).toBe('rule-dsl/invalid-metadata $');
    expect(bad({ up: 3 })).toBe('rule-dsl/invalid-metadata $["up"]');
  });
});

describe('bucket-sum-across-le: a matcher pinning one bucket is not a sum across buckets', () => {
  // kubernetes-mixin's apiserver burn-rate rules count requests faster than 1 s this way.
  const rule = (sel: string) => [
    {
      name: 'g',
      rules: [
        {
          record: 'cluster_verb_scope:apiserver_request_sli_duration_seconds_bucket:rate5m',
          expr: `sum by (cluster) (rate(apiserver_request_sli_duration_seconds_bucket{job="kube-apiserver",${sel}}[5m]))`,
        },
      ],
    },
  ];

  it('accepts le="1" and le=~"1(\\\\.0)?", and le=~"\\\\+Inf"', () => {
    for (const sel of ['le="1"', 'le=~"1(\\\\.0)?"', 'le=~"1|1\\\\.0"', 'le=~"\\\\+Inf"'])
      expect(found(rule(sel), 'lint/bucket-sum-across-le'), sel).toEqual([]);
  });
  it('still reports regexes that select several buckets, negative matchers and no le matcher', () => {
    for (const sel of ['le=~"0.5|1"', 'le=~".*"', 'le!="+Inf"', 'le=~"1.*"', 'le=~"1|1.0"', 'verb="GET"'])
      expect(found(rule(sel), 'lint/bucket-sum-across-le').length, sel).toBe(1);
  });
});

describe('duplicate-alert-name: only for the same name and the same label set', () => {
  // etcd-mixin's etcdHighNumberOfFailedGRPCRequests: a warning tier at 1 % and a critical one at 5 %.
  const tier = (severity: string, pct: number) => ({
    alert: 'etcdHighNumberOfFailedGRPCRequests',
    expr: `sum(rate(grpc_server_handled_total{grpc_code!="OK"}[5m])) / sum(rate(grpc_server_handled_total[5m])) * 100 > ${pct}`,
    ...warn({ severity }),
  });

  it('accepts warning/critical tiers', () => {
    expect(
      found(
        [{ name: 'etcd', rules: [tier('warning', 1), tier('critical', 5)] as never[] }],
        'lint/duplicate-alert-name',
      ),
    ).toEqual([]);
  });
  it('reports two rules with equal labels, unless their expressions provably return different label names', () => {
    const same = found(
      [{ name: 'etcd', rules: [tier('warning', 1), tier('warning', 5)] as never[] }],
      'lint/duplicate-alert-name',
    );
    expect(same.map((d) => [d.path, d.related?.[0]?.path])).toEqual([
      ['groups[0].rules[1].alert', 'groups[0].rules[0].alert'],
    ]);
    const split = [
      { alert: 'RolloutStuck', expr: 'max by (statefulset) (kube_statefulset_replicas) > 0', ...warn() },
      { alert: 'RolloutStuck', expr: 'max by (deployment) (kube_deployment_spec_replicas) > 0', ...warn() },
    ];
    expect(found([{ name: 'g', rules: split as never[] }], 'lint/duplicate-alert-name')).toEqual([]);
  });
});

describe('ratio-without-traffic-guard: never-zero divisors need no guard', () => {
  const alert = (expr: string) => alertGroup({ alert: 'R', expr, ...warn() });
  it('accepts capacity, size and limit gauges, count(), constants and filtered limits', () => {
    for (const e of [
      'node_filesystem_avail_bytes{fstype!=""} / node_filesystem_size_bytes{fstype!=""} < 0.1',
      'kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.03',
      'container_memory_working_set_bytes / container_spec_memory_limit_bytes > 0.9',
      'memcached_current_connections / memcached_max_connections > 0.9',
      'sum without (id) (jvm_memory_used_bytes) / sum without (id) (jvm_memory_max_bytes != -1) > 0.8',
      'node_load1 / count without (cpu, mode) (node_cpu_seconds_total{mode="idle"}) > 2',
      'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.05',
    ])
      expect(found(alert(e), 'lint/ratio-without-traffic-guard'), e).toEqual([]);
  });
  it('still reports ratios of rates, and rates of capacity gauges', () => {
    for (const e of [
      'sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) > 0.01',
      'rate(a_total[5m]) / rate(node_filesystem_size_bytes[5m]) > 1',
      'x_used / x_free > 1',
    ]) {
      expect(found(alert(e), 'lint/ratio-without-traffic-guard').length, e).toBe(1);
    }
  });
});

describe('found while judging the real-world sample (bench/precision.bench.ts)', () => {
  const page = { for: '10m', labels: { severity: 'critical' }, annotations: { summary: 's', runbook_url: 'r' } };
  it('no-absent-companion: an `up` alert on the same job (or on every job) is the companion', () => {
    const alert = {
      alert: 'KubePersistentVolumeInodesFillingUp',
      expr: 'kubelet_volume_stats_inodes_free{job="kubelet"} / kubelet_volume_stats_inodes{job="kubelet"} < 0.03',
      ...page,
    };
    const alone = [{ name: 'g', rules: [alert] as never[] }];
    expect(found(alone, 'lint/no-absent-companion').length).toBe(1);
    for (const up of ['up{job="kubelet"} == 0', 'up == 0', 'absent(up{job="kubelet"})']) {
      expect(
        found(
          [{ name: 'g', rules: [alert, { alert: 'KubeletDown', expr: up, ...page }] as never[] }],
          'lint/no-absent-companion',
        ),
        up,
      ).toEqual([]);
    }
    expect(
      found(
        [
          {
            name: 'g',
            rules: [alert, { alert: 'SchedulerDown', expr: 'up{job="kube-scheduler"} == 0', ...page }] as never[],
          },
        ],
        'lint/no-absent-companion',
      ).length,
    ).toBe(1);
  });
  it('missing-summary: the older `message` annotation counts as the summary', () => {
    const rule = (annotations: Record<string, string>) => [
      {
        name: 'g',
        rules: [{ alert: 'A', expr: 'up == 0', for: '5m', labels: { severity: 'critical' }, annotations }] as never[],
      },
    ];
    expect(
      found(rule({ message: 'Compactor has not uploaded blocks', runbook_url: 'r' }), 'lint/missing-summary'),
    ).toEqual([]);
    expect(found(rule({ runbook_url: 'r' }), 'lint/missing-summary').length).toBe(1);
  });
  it('ratio-without-traffic-guard: total inodes/files divide without a guard, free ones do not', () => {
    const r = (e: string) =>
      found(alertGroup({ alert: 'R', expr: e, ...warn() }), 'lint/ratio-without-traffic-guard').length;
    expect(r('node_filesystem_files_free / node_filesystem_files < 0.03')).toBe(0);
    expect(r('kubelet_volume_stats_inodes_used / kubelet_volume_stats_inodes_free > 9')).toBe(1);
  });
  it('ratio-without-traffic-guard: a divisor of gauges or raw totals (no rate/increase) is info, not a warning', () => {
    const sev = (e: string) =>
      found(alertGroup({ alert: 'R', expr: e, ...warn() }), 'lint/ratio-without-traffic-guard').map((d) => d.severity);
    // openstack-mixin: placement usage over capacity (a `_total` gauge) times the allocation ratio
    const placement =
      '100 * openstack_placement_resource_usage{resourcetype="VCPU"} / (openstack_placement_resource_total{resourcetype="VCPU"} * openstack_placement_resource_allocation_ratio{resourcetype="VCPU"}) > 80';
    expect(sev(placement)).toEqual(['info']);
    expect(
      found(alertGroup({ alert: 'R', expr: placement, ...warn() }), 'lint/ratio-without-traffic-guard')[0]!.message,
    ).toMatch(/no rate or increase/);
    // rates, increases and recorded series in the divisor stay warnings
    expect(sev('sum(rate(e_total[5m])) / sum(rate(r_total[5m])) > 0.1')).toEqual(['warning']);
    expect(sev('increase(e_total[1h]) / increase(r_total[1h]) > 0.1')).toEqual(['warning']);
    expect(sev('sum(job:errors:rate5m) / sum(job:requests:rate5m) > 0.1')).toEqual(['warning']);
  });
  it('bucket-sum-across-le: a bucket sum only compared with zero (a traffic guard) is fine', () => {
    const r = (e: string) => found(alertGroup({ alert: 'L', expr: e, ...warn() }), 'lint/bucket-sum-across-le').length;
    expect(r('histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m]))) > 30 and sum(rate(x_bucket[5m])) > 0')).toBe(0);
    expect(r('(histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m]))) > 30 and sum(rate(x_bucket[5m]))) > 0')).toBe(
      0,
    );
    expect(r('sum(rate(x_bucket{le="1"}[5m])) / sum(rate(x_bucket[5m])) < 0.9')).toBe(1);
  });
});
