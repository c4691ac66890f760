import { RuntimeError } from './errors.js';
import type { Runtime, RuntimeOptions } from './types.js';

/**
 * The embedded runtime: the in-process `@alertcraft/promql` engine. Wired to the engine's rule
 * evaluation once that API is exported from `@alertcraft/promql`.
 */
export async function startEmbeddedRuntime(_opts: RuntimeOptions = {}): Promise<Runtime> {
  throw new RuntimeError(
    'runtime/embedded-unavailable',
    "The embedded runtime is not wired yet (waiting for @alertcraft/promql rule evaluation). Use the 'local' runtime.",
  );
}
