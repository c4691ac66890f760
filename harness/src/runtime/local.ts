import { RuntimeError } from './errors.js';
import type { Runtime, RuntimeOptions } from './types.js';

export async function startLocalRuntime(_opts: RuntimeOptions = {}): Promise<Runtime> {
  throw new RuntimeError('runtime/not-implemented', 'The local runtime is being written.');
}
