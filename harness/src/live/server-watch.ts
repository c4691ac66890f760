/**
 * Watches the two servers during a run: a process' exit is seen at once (`gone()`), a container
 * (or a hung process) after 3 failed `/-/healthy` polls. A dead server ends the run with a
 * `LiveRunError` naming it, with its last log lines; the ledger schema is then kept.
 */
import { LiveRunError } from './errors.js';
import type { LiveServer } from './servers.js';
import type { LiveStack } from './stack.js';

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/-/healthy`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export function watchServers(stack: LiveStack): (poll: boolean) => Promise<void> {
  const servers = [stack.prometheus, stack.alertmanager] as LiveServer<unknown>[];
  const failures = new Map<LiveServer<unknown>, number>(servers.map((s) => [s, 0]));
  const died = (server: LiveServer<unknown>, why: string): never => {
    stack.keepLedger();
    const { clock } = stack;
    throw new LiveRunError(
      `live/${server.name}-died`,
      `${server.name === 'prometheus' ? 'Prometheus' : 'Alertmanager'} (${server.url}${server.pid ? `, pid ${server.pid}` : ''}) ${why} during the live run, ${((clock.now() - clock.wallStartMs) / 1000).toFixed(1)} s in (scenario time ${new Date(clock.scenarioAt()).toISOString()}). The ledger schema '${stack.schema}' is kept with the notifications written so far.`,
      { service: server.name, logTail: server.logs(20), ledgerSchema: stack.schema },
    );
  };
  const exited = () => {
    for (const s of servers) {
      const gone = s.gone();
      if (gone) died(s, gone);
    }
  };
  return async (poll) => {
    exited();
    if (!poll) return;
    for (const s of servers) failures.set(s, (await healthy(s.url)) ? 0 : failures.get(s)! + 1);
    exited();
    for (const s of servers) if (failures.get(s)! >= 3) died(s, 'stopped answering /-/healthy');
  };
}
