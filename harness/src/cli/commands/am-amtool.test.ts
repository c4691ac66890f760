/**
 * Bounded CI slice of `pnpm bench:am-routes`: alert-noise's routing agrees with Debian's
 * `amtool config routes test` on every seed pack phase's Alertmanager config and a few
 * generated ones (seeded), a handful of label sets each.
 */
import { describe, expect, it } from 'vitest';
import { ALERTMANAGER_HINT, needBinary } from '../../../../test-support/requirements.js';
import { compareWithAmtool, routeCases } from '../../../bench/am-routes.js';

const amtool = needBinary('local', ['amtool'], ALERTMANAGER_HINT);
const SEED = 7;

describe.skipIf(!amtool.ok)('routing vs amtool on the seed configs', () => {
  it(`agrees on every label set (seed ${SEED})`, { timeout: 120_000 }, async () => {
    const cases = routeCases(SEED, 3, 6);
    const r = await compareWithAmtool(amtool.value!, cases, 4);
    console.log(
      `am routes vs amtool: ${r.agree}/${r.labelSets} agree over ${r.configs} configs (seed ${SEED}), ${r.distinct} distinct outcomes`,
    );
    expect(r.disagreements).toEqual([]);
    expect(r.labelSets).toBe(cases.reduce((n, c) => n + c.labelSets.length, 0));
    // The label sets must reach more than the default route, or agreement proves little.
    expect(r.distinct).toBeGreaterThan(r.configs);
  });
});
