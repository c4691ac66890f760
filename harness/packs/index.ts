/**
 * The seed rule packs shipped with alertcraft, in `alertcraft packs` order. Each pack folder holds
 * its TypeScript definition (`index.ts`, typed with `@alertcraft/rule-dsl`; its doc comment
 * documents metric names, example baselines and the corrections made to the seed) and, when the
 * pack has baseline-derived thresholds, documented example baselines (`example-baselines.json`,
 * `example-values.json`) so every phase emits without live data.
 */
import type { AnySeedPack } from './types.js';
import { aetherlink } from './aetherlink/index.js';
import { gaLaunch } from './ga-launch/index.js';
import { incidentRunbook } from './incident-runbook/index.js';
import { maestro } from './maestro/index.js';

export { aetherlink, gaLaunch, incidentRunbook, maestro };

export const seedPacks: readonly AnySeedPack[] = [maestro, aetherlink, incidentRunbook, gaLaunch];
