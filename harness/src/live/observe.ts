/**
 * The run loop of a live run: until the window is played and every silence settled, every 200 ms
 * post due silences and check the servers; every second poll Prometheus' alerts, the silences and
 * report progress.
 */
import { AlertTracker } from './alert-tracker.js';
import { LiveError } from './errors.js';
import type { LivePlan } from './plan.js';
import { SilenceTracker } from './silence-tracker.js';
import { sleep } from './sleep.js';
import type { LiveStack } from './stack.js';
import type { LiveOptions, LiveProgress } from './types.js';

export interface Observation {
  alerts: AlertTracker;
  silences: SilenceTracker;
  runMs: number;
}

export function abortCheck(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new LiveError('live/aborted', 'live run aborted (servers stopped, temp dirs removed)', {
      cause: signal.reason,
    });
}

export function progressReporter(stack: LiveStack, plan: LivePlan, opts: LiveOptions, firing: () => number) {
  return async (stage: LiveProgress['stage'], message?: string): Promise<void> => {
    if (!opts.onProgress) return;
    const { clock } = stack;
    const scenarioTime = clock.scenarioAt();
    opts.onProgress({
      stage,
      elapsedMs: clock.now() - clock.wallStartMs,
      scenarioTime,
      fraction: Math.min(1, Math.max(0, (scenarioTime - plan.window.start) / (plan.window.end - plan.window.start))),
      scrapes: stack.exporter.scrapes,
      firing: firing(),
      ledgerDeliveries: await stack.ledger.deliveryCount().catch(() => -1),
      ...(message ? { message } : {}),
    });
  };
}

export async function observeWindow(
  stack: LiveStack,
  plan: LivePlan,
  opts: LiveOptions,
  check: (poll: boolean) => Promise<void>,
  log: (line: string) => void,
): Promise<Observation> {
  const { clock } = stack;
  const alerts = new AlertTracker(clock);
  const silences = new SilenceTracker(
    stack.alertmanager.client,
    clock,
    plan.silence,
    plan.maintenance,
    plan.speedup,
    log,
  );
  const progress = progressReporter(stack, plan, opts, () => alerts.firing);
  const t0 = performance.now();
  let lastPoll = 0;
  while (clock.scenarioAt() < plan.window.end || !silences.settled()) {
    abortCheck(opts.signal);
    await silences.postDue();
    const poll = clock.now() - lastPoll >= 1000;
    await check(poll);
    if (poll) {
      lastPoll = clock.now();
      const now = clock.now();
      // A failed poll is skipped: the health checks decide whether Prometheus is gone.
      const list = await stack.prometheus.client.alerts().catch(() => undefined);
      if (list) alerts.observe(list, now);
      await silences.poll();
      await progress('running');
    } else if (silences.expiryDue()) await silences.poll();
    await sleep(200, opts.signal);
  }
  return { alerts, silences, runMs: performance.now() - t0 };
}
