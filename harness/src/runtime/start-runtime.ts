import { RuntimeError } from './errors.js';
import type { Runtime, RuntimeKind, RuntimeOptions } from './types.js';

/**
 * Start a runtime of the given kind. Implementations are loaded on demand so that using the
 * embedded runtime never loads testcontainers.
 */
export async function startRuntime(kind: RuntimeKind, opts: RuntimeOptions = {}): Promise<Runtime> {
  switch (kind) {
    case 'embedded': {
      const { startEmbeddedRuntime } = await import('./embedded.js');
      return startEmbeddedRuntime(opts);
    }
    case 'local': {
      const { startLocalRuntime } = await import('./local.js');
      return startLocalRuntime(opts);
    }
    case 'testcontainers': {
      const { startTestcontainersRuntime } = await import('./testcontainers.js');
      return startTestcontainersRuntime(opts);
    }
    default:
      throw new RuntimeError(
        'runtime/unknown-kind',
        `Unknown runtime '${String(kind)}': use embedded, local or testcontainers.`,
      );
  }
}
