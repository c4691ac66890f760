/**
 * Recommendations proven by re-simulation on launch-week (embedded engine + Alertmanager
 * simulator): applied together, the helpful ones lower aetherlink's false positives and
 * notifications without losing a detected incident; on maestro day 0 nothing that would lose an
 * incident is ever called helpful.
 */
import { describe, expect, it } from 'vitest';
import { resimulate } from '../../src/noise/resimulate.js';

describe('re-simulated recommendations on launch-week', () => {
  it('aetherlink: the top recommendations lower false positives and notifications, keep every detection and do not raise pages', async () => {
    const r = await resimulate({ pack: 'aetherlink', phase: 'production' });
    expect(r.before.falsePositiveRate).toBeGreaterThan(0.3);
    expect(r.top).not.toBeNull();
    const after = r.top!.after;
    expect(after.falsePositiveRate!).toBeLessThan(r.before.falsePositiveRate!);
    expect(after.notificationsPerDay).toBeLessThan(r.before.notificationsPerDay);
    expect(after.pagesPerDay).toBeLessThanOrEqual(r.before.pagesPerDay);
    expect(after.detectedIds).toEqual(expect.arrayContaining(r.before.detectedIds));
    for (const e of r.effects.filter((x) => x.helps))
      expect(e.after.detectedIds).toEqual(expect.arrayContaining(r.before.detectedIds));
  }, 900_000);

  it('maestro day 0: the benign disturbances are false positives; whatever is recommended keeps every detection when called helpful', async () => {
    const r = await resimulate({ pack: 'maestro', phase: 'day0' });
    expect(r.before.falsePositiveRate).toBeGreaterThan(0);
    expect(r.before.detected).toBe(r.before.required);
    for (const e of r.effects.filter((x) => x.helps))
      expect(e.after.detectedIds).toEqual(expect.arrayContaining(r.before.detectedIds));
  }, 900_000);
});
