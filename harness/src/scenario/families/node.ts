/**
 * node_exporter CPU and memory (seed 002 capacity forecasts): `node_cpu_seconds_total` by
 * `cpu` and `mode` (idle, user, system, iowait), `node_memory_MemAvailable_bytes`,
 * `node_memory_MemTotal_bytes` per instance (16 GiB).
 *
 * Busy CPU share = 0.12 + 0.3 × traffic; memory available = 70 % − 20 % × traffic of total.
 * `capacity-creep` adds to them linearly over the incident, whatever the diurnal cycle does:
 * busy share + magnitude × progress, available memory − 0.8 × magnitude × progress of total
 * (magnitude 0.5: +50 points of CPU, −40 % of memory by the end).
 */
import { counterSeries, effect, gaugeSeries, jitter } from '../plan.js';
import { stepSeconds, type Family } from './family.js';
import { trafficFactor } from './maestro.js';

const JOB = 'node';
const MODES = ['idle', 'iowait', 'system', 'user'] as const;
const MEM_TOTAL = 16 * 1024 ** 3;

export const nodeFamily: Family = {
  name: 'node',
  count(plan) {
    return plan.topology.nodes.length * (plan.topology.cpusPerNode * MODES.length + 2);
  },
  *generate(plan) {
    const dt = stepSeconds(plan);
    const n = plan.timestamps.length;
    for (const instance of plan.topology.nodes) {
      const scope = { job: JOB, instance };
      const factor = trafficFactor(plan, scope, { creep: false });
      const creep = effect(plan, scope, 'capacity-creep', true);
      // Before launch the machines idle at the base load, not at zero.
      for (let cpu = 0; cpu < plan.topology.cpusPerNode; cpu++) {
        const rng = plan.rng.fork(`node/${instance}/${cpu}`);
        const inc = Object.fromEntries(MODES.map((m) => [m, new Float64Array(n)])) as Record<
          (typeof MODES)[number],
          Float64Array
        >;
        for (let i = 0; i < n; i++) {
          const busy = Math.min(
            0.98,
            Math.max(0.02, (0.12 + 0.3 * factor[i]!) * jitter(rng, 0.05) + (creep ? creep[i]! : 0)),
          );
          inc.user[i] = dt * busy * 0.7;
          inc.system[i] = dt * busy * 0.25;
          inc.iowait[i] = dt * busy * 0.05;
          inc.idle[i] = dt * (1 - busy);
        }
        for (const mode of MODES) {
          yield counterSeries(
            plan,
            { __name__: 'node_cpu_seconds_total', cpu: String(cpu), instance, job: JOB, mode },
            inc[mode],
            3,
          );
        }
      }
      const rng = plan.rng.fork(`node/${instance}/mem`);
      const avail = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const fraction = (0.7 - 0.2 * factor[i]!) * jitter(rng, 0.02) - (creep ? 0.8 * creep[i]! : 0);
        avail[i] = Math.round(MEM_TOTAL * Math.max(0.03, fraction));
      }
      yield gaugeSeries(plan, { __name__: 'node_memory_MemAvailable_bytes', instance, job: JOB }, avail, 0);
      yield gaugeSeries(
        plan,
        { __name__: 'node_memory_MemTotal_bytes', instance, job: JOB },
        new Float64Array(n).fill(MEM_TOTAL),
        0,
      );
    }
  },
};
