/**
 * What a live run plays, resolved from its options before anything starts: pack, phase, scenario
 * window, maintenance windows and silence, the rendered rule file and the series the exporter
 * serves. Pure: bad options throw a `LiveError` naming the option.
 */
import type { SeriesData } from '@alertcraft/promql';
import { parseDuration, type RuleFile } from '@alertcraft/rule-dsl';
import { exampleInputs, getPack, renderPhase, resolvePhase, type AnySeedPack } from '../pack-registry/registry.js';
import type { PackSilence } from '../../packs/types.js';
import { clipSeries } from '../scenario/clip.js';
import { getScenario } from '../scenario/registry.js';
import { LiveError } from './errors.js';
import type { LiveOptions, LiveRuntimeKind, LiveWindow } from './types.js';

/** Scenario ms the exporter serves before the window (what range functions look back over). */
export const LIVE_LOOKBACK_MS = 300_000;

export interface LivePlan {
  pack: AnySeedPack;
  phase: string;
  kind: LiveRuntimeKind;
  speedup: number;
  window: LiveWindow;
  /** Maintenance windows clipped to the run window, in start order. */
  maintenance: LiveWindow[];
  silence?: PackSilence;
  ruleFile: RuleFile;
  /** The pack's evaluation interval (scenario ms). */
  evalMs: number;
  lookbackMs: number;
  series: SeriesData[];
}

function pickSilence(pack: AnySeedPack, phase: string, name?: string): PackSilence | undefined {
  const all = (pack.silences ?? []).filter((s: PackSilence) => !s.phases || s.phases.includes(phase));
  if (name !== undefined) {
    const found = all.find((s: PackSilence) => s.name === name);
    if (!found)
      throw new LiveError(
        'live/unknown-silence',
        `pack '${pack.name}' has no silence '${name}' for phase '${phase}'; silences: ${all.map((s: PackSilence) => s.name).join(', ') || 'none'}`,
      );
    return found;
  }
  return all.find((s: PackSilence) => /maintenance/i.test(s.name));
}

export function planLive(opts: LiveOptions, log: (line: string) => void): LivePlan {
  const speedup = opts.speedup ?? 60;
  if (!(Number.isFinite(speedup) && speedup > 0))
    throw new LiveError('live/bad-speedup', `speedup must be a positive number, got ${speedup}`);
  const pack = typeof opts.pack === 'string' ? getPack(opts.pack) : opts.pack;
  const phase = resolvePhase(pack, opts.phase);
  const scenario =
    typeof opts.scenario === 'string'
      ? getScenario(opts.scenario, opts.seed === undefined ? {} : { seed: opts.seed })
      : opts.scenario;
  const window = opts.window ?? { start: scenario.start, end: scenario.end };
  if (!(window.end > window.start))
    throw new LiveError(
      'live/bad-window',
      `window end ${new Date(window.end).toISOString()} is not after its start ${new Date(window.start).toISOString()}`,
    );
  const silence = pickSilence(pack, phase, opts.silence);
  const maintenance = (
    opts.maintenance ??
    scenario.incidents.filter((i) => i.kind === 'maintenance-window').map((i) => ({ start: i.start, end: i.end }))
  )
    .filter((m) => m.end > window.start && m.start < window.end)
    .map((m) => ({ start: Math.max(m.start, window.start), end: m.end }))
    .sort((a, b) => a.start - b.start);
  if (maintenance.length && !silence)
    log(
      `live: pack '${pack.name}' has no maintenance silence; ${maintenance.length} maintenance window(s) run unsilenced`,
    );
  const ruleFile = renderPhase(pack, phase, opts.inputs ?? exampleInputs(pack), { fillFromExamples: true });
  const lookbackMs = LIVE_LOOKBACK_MS;
  // The exporter serves what exists up to a little after the window (settling keeps playing it).
  const series = [...clipSeries(scenario.series(), window.start - lookbackMs, window.end + 60_000 * speedup)];
  return {
    pack,
    phase,
    kind: opts.runtime ?? 'local',
    speedup,
    window,
    maintenance,
    ...(silence ? { silence } : {}),
    ruleFile,
    evalMs: parseDuration(pack.rules.evaluationInterval ?? '1m'),
    lookbackMs,
    series,
  };
}
