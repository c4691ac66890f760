/**
 * `alertcraft noise --ledger DATABASE_URL` and `alertcraft noise --prometheus URL --from T --to T`:
 * the noise measures of alerts that really fired, read from the live mode's Postgres notification
 * ledger or from Prometheus' `ALERTS` / `ALERTS_FOR_STATE` history (harness/src/timelines). Such
 * history has no ground truth, so false positives and detection are not measured, and the fatigue
 * score counts false positives as 0 (a lower bound); everything else is measured as for a replay.
 */
import { fatigueScore, measureNoise, type NoiseTimeline } from '@alertcraft/alert-noise';
import { parseDuration } from '@alertcraft/rule-dsl';
import { ApiError, UnreachableError } from '../../clients/errors.js';
import { readPrometheusTimeline } from '../../timelines/prometheus-timeline.js';
import { readTimelines } from '../../timelines/read-timelines.js';
import { TimelineReadError } from '../../timelines/errors.js';
import { flagString, InputError, redactUrl, UsageError, type CommandIO, type ParsedFlags } from '../command.js';
import { historyFlags } from '../history-flags.js';

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)} %`);
const fixed = (v: number | null, d = 2) => (v === null ? '-' : v.toFixed(d));
const iso = (t: number) => new Date(t).toISOString();

async function readHistory(parsed: ParsedFlags, io: CommandIO): Promise<{ timeline: NoiseTimeline; where: string }> {
  const ledgerUrl = flagString(parsed, 'ledger');
  if (ledgerUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(ledgerUrl))
      throw new UsageError(`--ledger '${redactUrl(ledgerUrl)}': expected a postgres:// or postgresql:// URL`);
    const schema = flagString(parsed, 'schema');
    const where = redactUrl(ledgerUrl);
    return { timeline: await readTimelines({ kind: 'ledger', databaseUrl: ledgerUrl, schema }), where };
  }
  if (flagString(parsed, 'schema') !== undefined) throw new UsageError('--schema only applies with --ledger');
  const history = historyFlags(parsed, io.cwd);
  if (!history) throw new UsageError('give --run result.json, --ledger DATABASE_URL or --prometheus URL');
  const stepText = flagString(parsed, 'step') ?? '1m';
  let stepMs: number;
  try {
    stepMs = parseDuration(stepText);
  } catch {
    throw new UsageError(`--step '${stepText}': expected a duration such as 30s, 1m`);
  }
  if (!(stepMs >= 1000)) throw new UsageError(`--step '${stepText}': must be at least 1s`);
  const matchers = flagString(parsed, 'matchers');
  io.stderr(`reading ALERTS from ${history.url} (${iso(history.from)} to ${iso(history.to)}, step ${stepText}) ...`);
  const timeline = await readPrometheusTimeline(history.client, {
    start: history.from,
    end: history.to,
    stepMs,
    ...(matchers ? { matchers } : {}),
  });
  return { timeline, where: history.url };
}

/** The measures of a ledger's or Prometheus' alert history; exit 0 (no budget applies to history). */
export async function noiseOfHistory(parsed: ParsedFlags, io: CommandIO): Promise<number> {
  let read: { timeline: NoiseTimeline; where: string };
  try {
    read = await readHistory(parsed, io);
  } catch (err) {
    if (err instanceof TimelineReadError || err instanceof UnreachableError || err instanceof ApiError)
      throw new InputError(err.message);
    throw err;
  }
  const { timeline, where } = read;
  const m = measureNoise(timeline);
  const fatigue = fatigueScore({
    maxPagesPerShift: m.pages.maxPagesPerShift,
    falsePositiveRate: null,
    pagesPerNight: m.pages.pagesPerNight,
    flapping: m.kpis.flapping,
    firingAlerts: m.kpis.firingAlerts,
  });
  if (parsed.flags.json) {
    io.stdout(
      JSON.stringify(
        {
          source: timeline.source,
          where,
          window: { start: iso(timeline.window.start), end: iso(timeline.window.end) },
          firingAlerts: m.kpis.firingAlerts,
          pages: m.pages,
          ttrP50Seconds: m.ttrP50Seconds,
          ttrP95Seconds: m.ttrP95Seconds,
          incidentMinutes: m.incidentMinutes,
          resolvedUnder5m: m.resolvedUnder5m,
          flapping: m.kpis.flapping,
          nagiosFlapping: m.nagiosFlapping,
          duplicates: m.duplicates,
          fatigueLowerBound: fatigue,
          notificationsPerReceiver: m.notificationsPerReceiver,
          groundTruth: null,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  io.stdout(`${timeline.source} ${where}: ${iso(timeline.window.start)} to ${iso(timeline.window.end)}`);
  io.stdout(
    `  ${m.kpis.firingAlerts} firing alerts; pages ${fixed(m.pages.pagesPerDay)}/day, ${fixed(m.pages.pagesPerNight)}/night, busiest shift ${m.pages.maxPagesPerShift}; fatigue ≥ ${fixed(fatigue, 1)}/10`,
  );
  io.stdout(
    `  ${fixed(m.incidentMinutes, 1)} alert minutes; resolved < 5 min ${pct(m.resolvedUnder5m)}; flaps ${m.kpis.flapping} (Nagios: ${m.nagiosFlapping.length} identities)`,
  );
  for (const d of m.duplicates) io.stdout(`  duplicate: ${d.a} + ${d.b} (${(d.share * 100).toFixed(0)} % overlap)`);
  for (const [receiver, n] of Object.entries(m.notificationsPerReceiver))
    io.stdout(`  notifications to ${receiver}: ${n}`);
  io.stdout(
    '  false positives and detection need ground truth (a replay result, --run): not measured; fatigue counts them as 0',
  );
  return 0;
}
