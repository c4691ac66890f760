/**
 * Container engine probe and pinned images of the `testcontainers` runtime (the seeds' stack).
 */

/** Images of the pinned stack (DESIGN.md). */
export const PINNED_IMAGES = {
  prometheus: 'prom/prometheus:v2.54.1',
  alertmanager: 'prom/alertmanager:v0.27.0',
  grafana: 'grafana/grafana:11.2.0',
  postgres: 'postgres:16',
} as const;

export type ImageName = keyof typeof PINNED_IMAGES;

export type EngineProbe = { ok: true; description: string } | { ok: false; reason: string };

/** The tag of an image reference (`prom/prometheus:v2.54.1` → `2.54.1`). */
export function imageVersion(image: string): string | undefined {
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  return tag?.replace(/^v/, '');
}

/**
 * Ask testcontainers for a working container runtime (Docker, Podman, remote DOCKER_HOST...).
 * Never throws: returns why none answers.
 */
export async function probeContainerEngine(): Promise<EngineProbe> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    const info = client.info as { containerRuntime?: { host?: string; remoteSocketPath?: string }; node?: { version?: string } };
    return { ok: true, description: `container runtime at ${info.containerRuntime?.host ?? info.containerRuntime?.remoteSocketPath ?? 'unknown host'}` };
  } catch (err) {
    const hint = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : 'DOCKER_HOST unset, no socket found';
    return { ok: false, reason: `${(err as Error).message} (${hint})` };
  }
}
