import { RuntimeError } from './errors.js';
import type { Runtime, RuntimeOptions } from './types.js';

export async function startTestcontainersRuntime(_opts: RuntimeOptions = {}): Promise<Runtime> {
  throw new RuntimeError('runtime/not-implemented', 'The testcontainers runtime is being written.');
}
