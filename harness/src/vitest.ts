/**
 * Vitest matchers over alert timelines. Import once (e.g. in a setup file or the test itself):
 *
 * ```ts
 * import '@alertcraft/harness/vitest';
 * expect(run).toFire('MaestroErrorRateSpike', { for: incident, within: '5m' });
 * expect(run).not.toFireDuring(maintenanceWindow);
 * expect(alert).toRouteTo('premium-support', alertmanagerConfig);
 * ```
 *
 * `run` is anything holding a timeline: `TimelineAlert[]`, a backtest or replay run
 * (`{ alerts }`), or a run of the result JSON. The same checks exist as plain functions
 * (`checkFires`, `checkQuietDuring`, `checkRoutesTo`) for other runners.
 */
import { expect } from 'vitest';
import type { Labels, TimelineAlert } from '@alertcraft/promql';
import type { AlertmanagerConfig } from '@alertcraft/rule-dsl';
import {
  checkFires,
  checkQuietDuring,
  checkRoutesTo,
  type FireOptions,
  type TimelineSource,
  type Window,
} from './assert/timeline.js';

export type { FireOptions, TimelineSource, Window };

function labelsOf(received: unknown): Labels {
  if (received && typeof received === 'object' && 'labels' in received) {
    const a = received as TimelineAlert;
    return a.alertname && !a.labels.alertname ? { ...a.labels, alertname: a.alertname } : a.labels;
  }
  return received as Labels;
}

expect.extend({
  toFire(received: TimelineSource, alertname: string, options?: FireOptions) {
    const r = checkFires(received, alertname, options);
    return {
      pass: r.pass,
      message: () => (r.pass ? `expected ${alertname} not to fire, but: ${r.message}` : r.message),
    };
  },
  toFireDuring(received: TimelineSource, window: Window, options?: { alertname?: string; labels?: Labels }) {
    const r = checkQuietDuring(received, window, options);
    // The matcher passes when something fires; `.not.toFireDuring` asserts the quiet.
    return { pass: !r.pass, message: () => r.message };
  },
  toRouteTo(received: Labels | TimelineAlert, receiver: string, config: Pick<AlertmanagerConfig, 'route'>) {
    const r = checkRoutesTo(labelsOf(received), config, receiver);
    return {
      pass: r.pass,
      message: () => (r.pass ? `expected not to route to ${receiver}, but: ${r.message}` : r.message),
    };
  },
});

interface TimelineMatchers<R = unknown> {
  /** An alert named `alertname` went firing (within `within` of `for.start`, when given). */
  toFire(alertname: string, options?: FireOptions): R;
  /** Some alert (or `alertname`) was firing inside `window`; use `.not` to assert quiet. */
  toFireDuring(window: Window, options?: { alertname?: string; labels?: Labels }): R;
  /** Alertmanager's routing tree sends an alert with these labels to `receiver`. */
  toRouteTo(receiver: string, config: Pick<AlertmanagerConfig, 'route'>): R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: declaration merging must repeat vitest's own `T = any`
  interface Assertion<T = any> extends TimelineMatchers<T> {}
  interface AsymmetricMatchersContaining extends TimelineMatchers {}
}
