/**
 * The seed rule packs shipped with alertcraft, in `alertcraft packs` order. Each pack folder holds
 * its TypeScript definition (`index.ts`, typed with `@alertcraft/rule-dsl`; its doc comment
 * documents metric names, example baselines and the corrections made to the seed) and, when the
 * pack has baseline-derived thresholds, documented example baselines (`example-baselines.json`,
 * `example-values.json`) so every phase emits without live data.
 */
import type { SeedPack } from '../src/packs/types.js';
// @ts-ignore TS6059 under harness/tsconfig.json (rootDir src); see src/packs/registry.ts
import { aetherlink } from './aetherlink/index.js';
// @ts-ignore TS6059 under harness/tsconfig.json (rootDir src); see src/packs/registry.ts
import { gaLaunch } from './ga-launch/index.js';
// @ts-ignore TS6059 under harness/tsconfig.json (rootDir src); see src/packs/registry.ts
import { incidentRunbook } from './incident-runbook/index.js';
// @ts-ignore TS6059 under harness/tsconfig.json (rootDir src); see src/packs/registry.ts
import { maestro } from './maestro/index.js';

export { aetherlink, gaLaunch, incidentRunbook, maestro };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const seedPacks: readonly SeedPack<any>[] = [maestro, aetherlink, incidentRunbook, gaLaunch];
