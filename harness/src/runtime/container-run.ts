/**
 * What one use of the container engine creates, tied together by a run id: every container,
 * network and volume carries the label `dev.alertcraft.run=<id>` and is removed by `stop()`.
 * Ryuk (testcontainers' reaper) cannot be relied on (it is an image to pull), so the run is also
 * recorded in the on-disk registry (process-registry.ts): a process killed with SIGKILL leaves
 * its record, and the next run's `sweepOrphans` removes everything labelled with the dead run's id.
 * On `exit`/signals the labelled containers are removed synchronously with the docker CLI.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { StartedNetwork } from 'testcontainers';
import { loadTestcontainers } from './container-engine.js';
import { RuntimeError } from './errors.js';
import { startHostRelay, type HostRelay } from './host-relay.js';
import { recordResource, registerLive } from './process-registry.js';

/** The label naming the run that created a container, network or volume. */
export const RUN_LABEL = 'dev.alertcraft.run';

/** The engine a run talks to, as recorded (a sweep only removes what lives on the same engine). */
export function engineAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST ?? 'default';
}

interface Dockerode {
  listContainers(o: object): Promise<Array<{ Id: string }>>;
  getContainer(id: string): { remove(o: object): Promise<unknown> };
  listNetworks(o: object): Promise<Array<{ Id: string }>>;
  getNetwork(id: string): { remove(): Promise<unknown>; inspect(): Promise<NetworkInspect> };
  listVolumes(o: object): Promise<{ Volumes?: Array<{ Name: string }> | null }>;
  getVolume(name: string): { remove(): Promise<unknown> };
  createNetwork(o: object): Promise<{ id: string }>;
}
interface NetworkInspect {
  Name: string;
  IPAM?: { Config?: Array<{ Gateway?: string; Subnet?: string }> };
}

async function dockerode(): Promise<Dockerode> {
  const { getContainerRuntimeClient } = await loadTestcontainers();
  const client = await getContainerRuntimeClient();
  return (client.container as unknown as { dockerode: Dockerode }).dockerode;
}

function ignoreNotFound(err: unknown): void {
  if ((err as { statusCode?: number }).statusCode !== 404) throw err;
}

/** Removes every container (with its anonymous volumes), network and volume labelled with the run id. */
export async function removeLabelled(runId: string): Promise<string[]> {
  const docker = await dockerode();
  const filters = JSON.stringify({ label: [`${RUN_LABEL}=${runId}`] });
  const removed: string[] = [];
  for (const c of await docker.listContainers({ all: true, filters })) {
    await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreNotFound);
    removed.push(`container ${c.Id.slice(0, 12)}`);
  }
  for (const n of await docker.listNetworks({ filters })) {
    await docker.getNetwork(n.Id).remove().catch(ignoreNotFound);
    removed.push(`network ${n.Id.slice(0, 12)}`);
  }
  for (const v of (await docker.listVolumes({ filters })).Volumes ?? []) {
    await docker.getVolume(v.Name).remove().catch(ignoreNotFound);
    removed.push(`volume ${v.Name}`);
  }
  return removed;
}

/** The same with the docker CLI, blocking (process `exit` handlers run no async work); best effort. */
export function removeLabelledSync(runId: string): void {
  const run = (args: string[]) =>
    spawnSync('docker', args, { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] });
  const filter = ['--filter', `label=${RUN_LABEL}=${runId}`];
  const ids = (out: string | null) => (out ?? '').split('\n').filter(Boolean);
  const containers = ids(run(['ps', '-aq', ...filter]).stdout);
  if (containers.length) run(['rm', '-fv', ...containers]);
  const networks = ids(run(['network', 'ls', '-q', ...filter]).stdout);
  if (networks.length) run(['network', 'rm', ...networks]);
  const volumes = ids(run(['volume', 'ls', '-q', ...filter]).stdout);
  if (volumes.length) run(['volume', 'rm', '-f', ...volumes]);
}

/** One run's labels, network and host relays; `stop()` removes all of it. */
export class ContainerRun {
  readonly id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  readonly labels: Record<string, string> = { [RUN_LABEL]: this.id };
  private network?: Promise<{ started: StartedNetwork; gateway: string }>;
  private readonly relays: HostRelay[] = [];
  private stopping?: Promise<void>;
  private readonly record = recordResource({
    kind: 'containers',
    description: `containers of run ${this.id}`,
    runId: this.id,
    engine: engineAddress(),
  });
  private readonly unregister = registerLive({
    describe: () => `containers labelled ${RUN_LABEL}=${this.id}`,
    killSync: () => {
      removeLabelledSync(this.id);
      this.record.release();
    },
  });

  /** The run's bridge network (created on first use, labelled), and its gateway: this host on that network. */
  useNetwork(): Promise<{ started: StartedNetwork; gateway: string }> {
    this.network ??= (async () => {
      const { StartedNetwork, getContainerRuntimeClient } = await loadTestcontainers();
      const client = await getContainerRuntimeClient();
      const docker = (client.container as unknown as { dockerode: Dockerode }).dockerode;
      const name = `alertcraft-${this.id}`;
      const created = await docker.createNetwork({
        Name: name,
        Driver: 'bridge',
        CheckDuplicate: true,
        Labels: this.labels,
      });
      const net = docker.getNetwork(created.id);
      const gateway = (await net.inspect()).IPAM?.Config?.find((c) => c.Gateway)?.Gateway;
      if (!gateway) {
        const why = `network ${name} has no gateway address: containers could not reach this host`;
        throw new RuntimeError('runtime/container-network', why);
      }
      const started = new StartedNetwork(client, name, net as never);
      return { started, gateway };
    })();
    return this.network;
  }

  /** `host:port` by which the run's containers reach `127.0.0.1:<port>` of this process (a relay on the gateway). */
  async reachHost(port: number): Promise<string> {
    const { gateway } = await this.useNetwork();
    const relay = await startHostRelay(gateway, port);
    this.relays.push(relay);
    return relay.address;
  }

  /** Closes the relays and removes everything labelled with the run id. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.allSettled(this.relays.map((r) => r.close()));
      this.unregister();
      // On failure the record stays: a later sweep (after this process is gone) retries.
      await removeLabelled(this.id);
      this.record.release();
    })();
    return this.stopping;
  }
}
