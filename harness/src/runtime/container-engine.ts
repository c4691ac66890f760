/**
 * Container engine probe, the images of the `testcontainers` runtime (the seeds' pins, with
 * overrides) and the one place that loads the optional peer dependencies `testcontainers` and
 * `@testcontainers/postgresql` (dynamic import, so other runtimes never load them).
 */
import { RuntimeError } from './errors.js';

/** Images of the pinned stack (DESIGN.md). */
export const PINNED_IMAGES = {
  prometheus: 'prom/prometheus:v2.54.1',
  alertmanager: 'prom/alertmanager:v0.27.0',
  grafana: 'grafana/grafana:11.2.0',
  postgres: 'postgres:16',
} as const;

export type ImageName = keyof typeof PINNED_IMAGES;
export type Images = Record<ImageName, string>;

/** The environment variable that overrides an image (`ALERTCRAFT_PROMETHEUS_IMAGE`, …). */
export function imageEnvVar(name: ImageName): string {
  return `ALERTCRAFT_${name.toUpperCase()}_IMAGE`;
}

/** The images a run uses: options over `ALERTCRAFT_<NAME>_IMAGE` over the pins. */
export function resolveImages(overrides: Partial<Images> = {}, env: NodeJS.ProcessEnv = process.env): Images {
  const out = { ...PINNED_IMAGES } as Images;
  for (const name of Object.keys(PINNED_IMAGES) as ImageName[]) {
    const fromEnv = env[imageEnvVar(name)]?.trim();
    const chosen = overrides[name] ?? (fromEnv || undefined);
    if (chosen !== undefined) {
      if (!/^[\w./:@-]+$/.test(chosen)) {
        const where = overrides[name] !== undefined ? `options.images.${name}` : imageEnvVar(name);
        throw new RuntimeError(
          'runtime/input',
          `${where}: '${chosen}' is not an image reference (e.g. ${PINNED_IMAGES[name]})`,
        );
      }
      out[name] = chosen;
    }
  }
  return out;
}

export type EngineProbe = { ok: true; description: string } | { ok: false; reason: string };

/** The tag of an image reference (`prom/prometheus:v2.54.1` → `2.54.1`). */
export function imageVersion(image: string): string | undefined {
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  return tag?.replace(/^v/, '');
}

const INSTALL_HINT = 'npm install testcontainers @testcontainers/postgresql';

function missingPeer(name: string, err: unknown): RuntimeError {
  return new RuntimeError(
    'runtime/missing-peer-dependency',
    `The 'testcontainers' runtime needs the optional peer dependency '${name}', which is not installed: run \`${INSTALL_HINT}\` ` +
      "(or use the 'local' or 'embedded' runtime).",
    { cause: err },
  );
}

function isModuleNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** Import an optional peer; when it is not installed, a `runtime/missing-peer-dependency` error naming what to install. */
export async function loadOptionalPeer<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    throw isModuleNotFound(err) ? missingPeer(name, err) : err;
  }
}

/** `import('testcontainers')` (an optional peer dependency). */
export function loadTestcontainers(): Promise<typeof import('testcontainers')> {
  return loadOptionalPeer('testcontainers', () => import('testcontainers'));
}

/** `import('@testcontainers/postgresql')` (an optional peer dependency). */
export function loadTestcontainersPostgres(): Promise<typeof import('@testcontainers/postgresql')> {
  return loadOptionalPeer('@testcontainers/postgresql', () => import('@testcontainers/postgresql'));
}

/**
 * Ask testcontainers for a working container runtime (Docker, Podman, remote DOCKER_HOST...).
 * Never throws for an absent engine: returns why none answers (a missing peer dependency throws).
 */
export async function probeContainerEngine(): Promise<EngineProbe> {
  const { getContainerRuntimeClient } = await loadTestcontainers();
  try {
    const client = await getContainerRuntimeClient();
    const rt = client.info.containerRuntime;
    return {
      ok: true,
      description: `container runtime ${rt.serverVersion} at ${rt.host ?? rt.remoteSocketPath ?? 'unknown host'}`,
    };
  } catch (err) {
    const hint = process.env.DOCKER_HOST
      ? `DOCKER_HOST=${process.env.DOCKER_HOST}`
      : 'DOCKER_HOST unset, no socket found';
    return { ok: false, reason: `${(err as Error).message} (${hint})` };
  }
}

/**
 * Whether `image` is already in the local engine's image store (no pull is attempted): an engine
 * that answers but lacks the image, e.g. a machine without registry access, says so with a reason.
 */
export async function probeLocalImage(image: string): Promise<EngineProbe> {
  const engine = await probeContainerEngine();
  if (!engine.ok) return { ok: false, reason: `no container engine (${engine.reason}), so ${image} cannot run` };
  const { getContainerRuntimeClient, ImageName } = await loadTestcontainers();
  const client = await getContainerRuntimeClient();
  const present = await client.image.exists(ImageName.fromString(image));
  return present
    ? { ok: true, description: `${image} on ${engine.description}` }
    : { ok: false, reason: `image ${image} is not in the local container engine's images (${engine.description})` };
}
