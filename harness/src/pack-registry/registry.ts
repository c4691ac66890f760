/**
 * The seed packs by name, phase resolution, baselines validation and rendering: what the CLI
 * commands (`packs`, `emit`, `lint`) and the replay harness use to get a pack's rule file.
 */
import { MissingValuesError, isAlertingRule, render, type Baselines, type RuleFile } from '@alertcraft/rule-dsl';
import { seedPacks as shipped } from '../../packs/index.js';
import { PackError } from './errors.js';
import type { AnySeedPack } from '../../packs/types.js';

export type { AnySeedPack };

/** Every shipped seed pack, in listing order. */
export const seedPacks: readonly AnySeedPack[] = shipped;

export function packNames(): string[] {
  return seedPacks.map((p) => p.name);
}

/** The pack named `name`; `PackError('packs/unknown-pack')` listing the known packs otherwise. */
export function getPack(name: string): AnySeedPack {
  const found = seedPacks.find((p) => p.name === name);
  if (!found) throw new PackError('packs/unknown-pack', `unknown pack '${name}'; packs: ${packNames().join(', ')}`);
  return found;
}

export function phaseIds(pack: AnySeedPack): string[] {
  return pack.rules.phases.map((p: { id: string }) => p.id);
}

/**
 * The phase to use: `phase` when the pack has it; the only phase when `phase` is undefined and the
 * pack has one; otherwise `PackError` (`packs/unknown-phase`, `packs/phase-required`) listing the phases.
 */
export function resolvePhase(pack: AnySeedPack, phase: string | undefined): string {
  const ids = phaseIds(pack);
  if (phase === undefined) {
    if (ids.length === 1) return ids[0]!;
    throw new PackError(
      'packs/phase-required',
      `pack '${pack.name}' has ${ids.length} phases; choose one with --phase (${ids.join(', ')})`,
    );
  }
  if (!ids.includes(phase))
    throw new PackError(
      'packs/unknown-phase',
      `pack '${pack.name}' has no phase '${phase}'; phases: ${ids.join(', ')}`,
    );
  return phase;
}

/** Values a render reads: baselines (`metric → stat → number`) and context values. */
export interface PackInputs {
  baselines?: Baselines;
  values?: Record<string, unknown>;
}

/** The pack's documented example inputs (from its `example-*.json`). */
export function exampleInputs(pack: AnySeedPack): PackInputs {
  return { baselines: pack.rules.exampleBaselines, values: pack.rules.exampleValues };
}

/** True when some rule of the pack reads a baseline or context value. */
export function usesInputs(pack: AnySeedPack): boolean {
  return pack.rules.exampleBaselines !== undefined || pack.rules.exampleValues !== undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/**
 * Checks parsed baselines JSON. Accepts the seed's `week1-baselines.json` shape
 * (`{ "error_rate": { "p95": 0.001, ... }, ... }`) or `{ "baselines": {...}, "values": {...} }`
 * for context values too. Throws `PackError('packs/bad-baselines')` naming the JSON path.
 */
export function parseBaselines(data: unknown): PackInputs {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PackError(
      'packs/bad-baselines',
      `$: expected an object of metrics ({ "error_rate": { "p95": 0.001 } }), got ${describe(data)}`,
    );
  }
  const obj = data as Record<string, unknown>;
  const wrapped =
    'baselines' in obj &&
    typeof obj.baselines === 'object' &&
    obj.baselines !== null &&
    !Array.isArray(obj.baselines) &&
    Object.keys(obj).every((k) => k === 'baselines' || k === 'values');
  const raw = (wrapped ? obj.baselines : obj) as Record<string, unknown>;
  const prefix = wrapped ? '$.baselines' : '$';
  const baselines: Baselines = {};
  for (const [metric, stats] of Object.entries(raw)) {
    const at = `${prefix}.${metric}`;
    if (stats === null || typeof stats !== 'object' || Array.isArray(stats)) {
      throw new PackError(
        'packs/bad-baselines',
        `${at}: expected an object of statistics ({ "p50": ..., "p95": ... }), got ${describe(stats)}`,
      );
    }
    baselines[metric] = {};
    for (const [stat, v] of Object.entries(stats as Record<string, unknown>)) {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new PackError('packs/bad-baselines', `${at}.${stat}: expected a finite number, got ${describe(v)}`);
      baselines[metric]![stat] = v;
    }
  }
  let values: Record<string, unknown> | undefined;
  if (wrapped && obj.values !== undefined) {
    if (obj.values === null || typeof obj.values !== 'object' || Array.isArray(obj.values)) {
      throw new PackError(
        'packs/bad-baselines',
        `$.values: expected an object of context values ({ "capacity": { "maxRunsPerDay": 100000 } }), got ${describe(obj.values)}`,
      );
    }
    values = obj.values as Record<string, unknown>;
  }
  return values ? { baselines, values } : { baselines };
}

/**
 * Renders one phase. Inputs missing from `inputs` are taken from the pack's examples only when
 * `fillFromExamples` is set (the CLI fills context values such as capacity limits that a baselines
 * file does not carry). A value still missing gives one `PackError('packs/missing-values')` listing them.
 */
export function renderPhase(
  pack: AnySeedPack,
  phase: string,
  inputs: PackInputs,
  opts: {
    fillFromExamples?: boolean;
    check?: boolean;
    /** Per-alert parameters over the pack's (calibrated thresholds and `for`). */
    overrides?: Record<string, Record<string, number | string>>;
  } = {},
): RuleFile {
  const ex = exampleInputs(pack);
  const ctx = {
    baselines: inputs.baselines ?? (opts.fillFromExamples ? ex.baselines : undefined),
    values: inputs.values ?? (opts.fillFromExamples ? ex.values : undefined),
    check: opts.check,
    overrides: opts.overrides,
  };
  try {
    return render(pack.rules, phase, ctx);
  } catch (err) {
    if (err instanceof MissingValuesError) {
      const list = err.missing
        .map((m) => `${m.kind === 'baseline' ? 'baselines' : 'values'}.${m.key} (used by ${m.usedBy.join(', ')})`)
        .join('; ');
      throw new PackError(
        'packs/missing-values',
        `phase '${phase}' of pack '${pack.name}' needs ${err.missing.length} value(s) not given: ${list}`,
        { cause: err },
      );
    }
    throw err;
  }
}

/** Alerting and recording rule counts of a rendered rule file. */
export function ruleCounts(file: RuleFile): { alerts: number; records: number } {
  let alerts = 0;
  let records = 0;
  for (const g of file.groups)
    for (const r of g.rules)
      if (isAlertingRule(r)) alerts++;
      else records++;
  return { alerts, records };
}

/** Per-phase summary (rendered with the example inputs, without expression checks). */
export function packSummary(pack: AnySeedPack): {
  name: string;
  description: string;
  seed: string;
  phases: {
    id: string;
    title?: string;
    days: readonly [number, number];
    alerts: number;
    records: number;
    groups: string[];
  }[];
} {
  return {
    name: pack.name,
    description: pack.rules.description,
    seed: pack.seed,
    phases: pack.rules.phases.map((ph: { id: string; title?: string; days: readonly [number, number] }) => {
      const file = renderPhase(pack, ph.id, exampleInputs(pack), { check: false });
      return {
        id: ph.id,
        ...(ph.title !== undefined ? { title: ph.title } : {}),
        days: ph.days,
        ...ruleCounts(file),
        groups: file.groups.map((g) => g.name),
      };
    }),
  };
}
