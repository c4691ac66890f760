/**
 * The dashboards a replay report previews, and their previews over the replayed data: the seed
 * dashboards of each replayed pack (maestro: executive and capacity; aetherlink: its health
 * dashboard), evaluated over the scenario's series plus what the pack's recording rules record
 * over them (the dashboards read recorded series such as `aether:cache_hit_ratio:5m:all`), so a
 * panel is flagged only when its query really fails or has nothing to show.
 */
import {
  aetherlinkDashboard,
  maestroCapacityDashboard,
  maestroExecutiveDashboard,
  type Dashboard,
} from '@alertcraft/grafana-json';
import { createStorage, evaluateRulesRange, isRecordingRule, parseDuration } from '@alertcraft/promql';
import { getPack, phaseIds, renderPhase } from '../pack-registry/registry.js';
import type { ReplayOutcome } from '../replay/replay.js';
import { getScenario } from '../scenario/registry.js';
import type { ScenarioSeries } from '../scenario/types.js';
import { previewDashboard, type DashboardPreview } from './dashboard-preview.js';

/** The generated dashboards that belong to a seed pack (none for a pack without one). */
export function packDashboards(pack: string): Dashboard[] {
  if (pack === 'maestro') return [maestroExecutiveDashboard(), maestroCapacityDashboard()];
  if (pack === 'aetherlink') return [aetherlinkDashboard()];
  return [];
}

/**
 * Previews of every dashboard of `packs` over `series` in `window`: per pack, the series are loaded
 * into an engine storage and the pack's recording rules (its first phase, example inputs) are
 * evaluated into it over the window before the panels are.
 */
export function replayDashboardPreviews(
  packs: readonly string[],
  series: Iterable<ScenarioSeries>,
  window: { start: number; end: number },
): DashboardPreview[] {
  const all = [...series];
  const out: DashboardPreview[] = [];
  for (const name of packs) {
    const dashboards = packDashboards(name);
    if (!dashboards.length) continue;
    const pack = getPack(name);
    const storage = createStorage();
    for (const s of all) storage.appendSeries(s.labels, s.timestamps, s.values);
    const rules = renderPhase(pack, phaseIds(pack)[0]!, {}, { fillFromExamples: true });
    const groups = rules.groups
      .map((g) => ({ ...g, rules: g.rules.filter(isRecordingRule) }))
      .filter((g) => g.rules.length > 0);
    if (groups.length) {
      evaluateRulesRange(storage, groups, {
        start: window.start,
        end: window.end,
        defaultIntervalMs: pack.rules.evaluationInterval ? parseDuration(pack.rules.evaluationInterval) : 60_000,
      });
    }
    for (const d of dashboards) out.push(previewDashboard(d, storage, window));
  }
  return out;
}

/**
 * The previews `alertcraft replay --report` shows: the replayed packs' dashboards over the first
 * 24 hours of launch traffic of the same scenario and seed (regenerated: same seed, same series).
 */
export function previewsForReplay(
  outcome: Pick<ReplayOutcome, 'document' | 'scenario'>,
  seed: number | undefined,
): DashboardPreview[] {
  const packs = [...new Set(outcome.document.runs.map((r) => r.pack))];
  if (!packs.some((p) => packDashboards(p).length)) return [];
  const scenario = getScenario(outcome.scenario.name, seed === undefined ? undefined : { seed });
  const start = scenario.launchAt;
  const end = Math.min(scenario.end - 1, start + 24 * 3_600_000);
  return replayDashboardPreviews(packs, scenario.series(), { start, end });
}
