/** The CLI's text summary of a live result. */
import type { LiveResult } from './types.js';

/** A one-paragraph text summary of a live result (CLI output). */
export function formatLiveSummary(r: LiveResult): string[] {
  const n = r.notifications;
  const lines = [
    `live ${r.runtime} run of ${r.pack}/${r.phase} at ${r.speedup}× (prometheus ${r.versions.prometheus ?? '?'}, alertmanager ${r.versions.alertmanager ?? '?'}):`,
    `  window ${new Date(r.window.start).toISOString()} – ${new Date(r.window.end).toISOString()}; startup ${(r.timings.startupMs / 1000).toFixed(1)} s, run ${(r.timings.runMs / 1000).toFixed(1)} s, settle ${(r.timings.settleMs / 1000).toFixed(1)} s, total ${(r.timings.totalMs / 1000).toFixed(1)} s; ${r.scrapes} scrapes`,
    `  alerts seen on Prometheus: ${r.alerts.length} (${r.alerts.filter((a) => a.firingSeenAt !== undefined).length} fired)`,
    `  notifications: ledger ${n.ledgerRows} rows / ${n.ledgerDeliveries} deliveries, ${n.quarantined} quarantined; alertmanager_notifications_total{integration="webhook"} ${n.alertmanagerNotifications} (failed ${n.alertmanagerFailed}) → ${n.equal ? 'equal' : 'MISMATCH'}`,
  ];
  for (const s of r.silences) {
    lines.push(
      `  silence ${s.name} ${s.id}: ${s.startsAt} – ${s.endsAt}; suppressed ${s.suppressed.length} alert(s) (${[...new Set(s.suppressed.map((a) => a.alertname))].join(', ') || 'none'}); notifications while active: ${s.notificationsDuringSilence}; after end: ${s.stateAfterEnd ?? 'not checked'}${s.expiredObservedAfterMs !== undefined ? ` (+${Math.round(s.expiredObservedAfterMs)} ms)` : ''}`,
    );
  }
  for (const w of r.warnings) lines.push(`  warning ${w.code}${w.path ? ` at ${w.path}` : ''}: ${w.message}`);
  lines.push(`  ledger schema ${r.ledgerSchema} ${r.ledgerKept ? 'kept' : 'dropped'}`);
  return lines;
}
