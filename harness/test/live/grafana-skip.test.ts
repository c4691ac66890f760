// The live Grafana test's skip decision (test-support/requirements.ts grafanaImageAvailability): an
// absent Grafana image is the one skip ALERTCRAFT_REQUIRE=local allows; `grafana` or `all` fail.
import { afterEach, describe, expect, it } from 'vitest';
import { grafanaImageAvailability } from '../../../test-support/requirements.js';

const saved = process.env.ALERTCRAFT_REQUIRE;
afterEach(() => {
  if (saved === undefined) delete process.env.ALERTCRAFT_REQUIRE;
  else process.env.ALERTCRAFT_REQUIRE = saved;
});

describe('grafanaImageAvailability', () => {
  const absent = { ok: false, reason: 'image grafana/grafana:11.2.0 is not in the local container engine' };
  it('skips with a reason naming the image, with and without ALERTCRAFT_REQUIRE=local', () => {
    for (const req of ['', 'local', 'docker,browser']) {
      process.env.ALERTCRAFT_REQUIRE = req;
      const a = grafanaImageAvailability('grafana/grafana:11.2.0', absent);
      expect(a.ok).toBe(false);
      expect(a.reason).toBe(
        'Grafana image grafana/grafana:11.2.0 unavailable: image grafana/grafana:11.2.0 is not in the local container engine',
      );
    }
  });
  it('fails under ALERTCRAFT_REQUIRE=grafana or all; runs when the image is there', () => {
    process.env.ALERTCRAFT_REQUIRE = 'grafana';
    expect(() => grafanaImageAvailability('my/grafana:11.2', absent)).toThrow(
      'ALERTCRAFT_REQUIRE=grafana: Grafana image my/grafana:11.2 unavailable',
    );
    process.env.ALERTCRAFT_REQUIRE = 'all';
    expect(() => grafanaImageAvailability('my/grafana:11.2', absent)).toThrow('ALERTCRAFT_REQUIRE=all');
    expect(grafanaImageAvailability('my/grafana:11.2', { ok: true })).toEqual({ ok: true, value: 'my/grafana:11.2' });
  });
});
