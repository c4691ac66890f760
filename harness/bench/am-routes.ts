/**
 * Routing differential against Debian's `amtool config routes test`: the seed packs'
 * Alertmanager configs (every phase) and seeded generated configs, each with label sets drawn from
 * the values its matchers use (so most branches are reached), routed by alert-noise's
 * `receiversFor` and by amtool (one process per label set, a few at a time). Used by the bench
 * script `am-routes.bench.ts` (thousands of label sets) and a bounded CI test.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { receiversFor } from '@alertcraft/alert-noise';
import { mulberry32 } from '@alertcraft/promql/testing';
import { emitAlertmanagerConfig, parseMatcher, type AlertmanagerConfig, type Route } from '@alertcraft/rule-dsl';
import { seedPacks } from '../packs/index.js';
import { phaseIds } from '../src/pack-registry/registry.js';

const run = promisify(execFile);
type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

export interface NamedConfig {
  name: string;
  config: AlertmanagerConfig;
}

/** Every phase's Alertmanager config of every seed pack. */
export function seedConfigs(): NamedConfig[] {
  return seedPacks.flatMap((p) => phaseIds(p).map((ph) => ({ name: `${p.name}/${ph}`, config: p.alertmanager(ph) })));
}

const NAMES = ['severity', 'team', 'env', 'region', 'tenant', 'service'];
const VALUES: Record<string, string[]> = {
  severity: ['critical', 'page', 'warning', 'ticket', 'info'],
  team: ['sre', 'db', 'growth', 'payments'],
  env: ['prod', 'staging', 'dev'],
  region: ['eu-west', 'eu-central', 'us-east', 'ap-south'],
  tenant: ['acme', 'vip-1', 'vip-customer-42', 'globex'],
  service: ['api', 'web', 'worker', 'checkout'],
};

function genMatcher(rng: Rng): string {
  const name = pick(rng, NAMES);
  const vals = VALUES[name]!;
  const op = pick(rng, ['=', '=', '!=', '=~', '!~'] as const);
  let value: string;
  if (op === '=~' || op === '!~') {
    value = pick(rng, [
      `${pick(rng, vals)}|${pick(rng, vals)}`,
      `${pick(rng, vals).slice(0, 2)}.*`,
      '.*',
      '.+',
      `(${pick(rng, vals)})?`,
    ]);
  } else value = rng() < 0.1 ? '' : pick(rng, vals);
  return `${name}${op}${JSON.stringify(value)}`;
}

function genRoute(rng: Rng, depth: number, receivers: string[]): Route {
  const r: Route = {};
  if (rng() < 0.15) {
    const name = pick(rng, NAMES);
    r.match = { [name]: pick(rng, VALUES[name]!) };
  } else if (rng() < 0.1) {
    const name = pick(rng, NAMES);
    r.match_re = { [name]: `${pick(rng, VALUES[name]!)}|${pick(rng, VALUES[name]!)}` };
  } else r.matchers = Array.from({ length: 1 + Math.floor(rng() * 2) }, () => genMatcher(rng));
  if (rng() < 0.7) r.receiver = pick(rng, receivers);
  if (rng() < 0.3) r.continue = true;
  if (depth < 3 && rng() < 0.45)
    r.routes = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => genRoute(rng, depth + 1, receivers));
  return r;
}

/** A random routing tree (continue, nesting, inheritance, legacy match/match_re, negative and regex matchers). */
export function generateConfig(rng: Rng): AlertmanagerConfig {
  const receivers = Array.from({ length: 6 }, (_, i) => `r${i}`);
  return {
    route: {
      receiver: 'r0',
      group_by: ['alertname'],
      routes: Array.from({ length: 2 + Math.floor(rng() * 4) }, () => genRoute(rng, 1, receivers)),
    },
    receivers: receivers.map((name) => ({ name })),
  };
}

/** Names and literal values the config's matchers mention (regex alternatives split on `|`). */
function vocabulary(config: AlertmanagerConfig): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (n: string, v: string) => {
    if (!out.has(n)) out.set(n, new Set());
    out.get(n)!.add(v);
  };
  const walk = (r: Route) => {
    for (const [n, v] of Object.entries(r.match ?? {})) add(n, v);
    for (const [n, v] of Object.entries(r.match_re ?? {}))
      for (const alt of v.split('|')) add(n, alt.replace(/[.*+?()^$]/g, ''));
    for (const m of r.matchers ?? []) {
      const p = parseMatcher(m);
      if (!p) continue;
      if (p.op === '=~' || p.op === '!~')
        for (const alt of p.value.split('|')) add(p.name, alt.replace(/[.*+?()^$]/g, ''));
      else add(p.name, p.value);
    }
    (r.routes ?? []).forEach(walk);
  };
  walk(config.route);
  return out;
}

/** `n` label sets for `config`: each mentioned label present with probability 0.6, a mentioned value or a random one. */
export function labelSetsFor(config: AlertmanagerConfig, rng: Rng, n: number): Record<string, string>[] {
  const vocab = vocabulary(config);
  return Array.from({ length: n }, () => {
    const labels: Record<string, string> = { alertname: pick(rng, ['A', 'B', 'HighErrorRate']) };
    for (const [name, values] of vocab) {
      if (name === 'alertname' && rng() < 0.5) labels[name] = pick(rng, [...values]);
      else if (rng() < 0.6) {
        const v = rng() < 0.85 ? pick(rng, [...values]) : `x${Math.floor(rng() * 100)}`;
        if (v !== '') labels[name] = v;
      }
    }
    return labels;
  });
}

export interface RouteComparison {
  configs: number;
  labelSets: number;
  agree: number;
  /** Distinct receiver lists seen (coverage). */
  distinct: number;
  disagreements: { config: string; labels: Record<string, string>; ours: string; amtool: string }[];
}

/** Routes every label set with both and compares the printed receiver lists. */
export async function compareWithAmtool(
  amtool: string,
  cases: { name: string; config: AlertmanagerConfig; labelSets: Record<string, string>[] }[],
  concurrency = 4,
): Promise<RouteComparison> {
  const dir = await mkdtemp(join(tmpdir(), 'alertcraft-am-routes-'));
  const result: RouteComparison = { configs: cases.length, labelSets: 0, agree: 0, distinct: 0, disagreements: [] };
  const distinct = new Set<string>();
  try {
    const jobs: { config: string; file: string; labels: Record<string, string>; ours: string }[] = [];
    for (const [i, c] of cases.entries()) {
      const file = join(dir, `am-${i}.yml`);
      await writeFile(file, emitAlertmanagerConfig(c.config));
      for (const labels of c.labelSets)
        jobs.push({ config: c.name, file, labels, ours: receiversFor(c.config, labels).join(',') });
    }
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const args = [
          'config',
          'routes',
          'test',
          `--config.file=${job.file}`,
          ...Object.entries(job.labels).map(([k, v]) => `${k}=${v}`),
        ];
        const theirs = (await run(amtool, args)).stdout.trim();
        result.labelSets++;
        distinct.add(`${job.config}:${job.ours}`);
        if (theirs === job.ours) result.agree++;
        else result.disagreements.push({ config: job.config, labels: job.labels, ours: job.ours, amtool: theirs });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  result.distinct = distinct.size;
  return result;
}

/** Seed configs plus `generated` configs from `seed`, `perConfig` label sets each. */
export function routeCases(
  seed: number,
  generated: number,
  perConfig: number,
): { name: string; config: AlertmanagerConfig; labelSets: Record<string, string>[] }[] {
  const rng = mulberry32(seed);
  const configs = [
    ...seedConfigs(),
    ...Array.from({ length: generated }, (_, i) => ({ name: `generated-${i}`, config: generateConfig(rng) })),
  ];
  return configs.map((c) => ({ ...c, labelSets: labelSetsFor(c.config, rng, perConfig) }));
}
