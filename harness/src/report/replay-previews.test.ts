// The replay report's dashboards: each pack's generated dashboards previewed over a replayed
// scenario, with the pack's recording rules evaluated into the same storage.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { getScenario } from '../scenario/registry.js';
import { packDashboards, replayDashboardPreviews } from './replay-previews.js';

describe('replay dashboard previews', () => {
  it('previews the maestro and aetherlink dashboards over launch-week day 0', () => {
    const scenario = getScenario('launch-week');
    const window = { start: scenario.launchAt, end: scenario.launchAt + 12 * 3_600_000 };
    const t0 = performance.now();
    const previews = replayDashboardPreviews(['maestro', 'aetherlink', 'incident-runbook'], scenario.series(), window);
    const summary = previews.map((d) => ({
      uid: d.uid,
      panels: d.panels.length,
      byStatus: Object.fromEntries(
        [...new Set(d.panels.map((p) => p.status))].map((st) => [st, d.panels.filter((p) => p.status === st).length]),
      ),
      flagged: d.panels
        .filter((p) => p.status === 'error' || p.status === 'empty')
        .map((p) => `${p.title}: ${p.message}`),
    }));
    console.log(
      `previews in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary.map((d) => [d.uid, d.byStatus]))}`,
    );
    // every panel of the generated dashboards has data on launch traffic
    expect(summary.flatMap((d) => d.flagged)).toEqual([]);
    expect(previews.flatMap((d) => d.panels.map((p) => p.status)).every((s) => s === 'ok')).toBe(true);
    expect(previews.map((d) => d.uid)).toEqual([
      ...packDashboards('maestro').map((d) => d.uid),
      ...packDashboards('aetherlink').map((d) => d.uid),
    ]);
  }, 300_000);

  it('alertcraft replay --report shows the previews of the replayed pack', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alertcraft-previews-'));
    try {
      const out: string[] = [];
      const io = {
        stdout: (l: string) => out.push(l),
        stderr: (l: string) => out.push(`ERR ${l}`),
        isTTY: false,
        cwd: dir,
      };
      const code = await main(['replay', '--pack', 'aetherlink', '--phase', 'production', '--report', 'r.html'], io);
      expect(out, out.join('\n')).toContain(`wrote ${join(dir, 'r.html')}`);
      expect([0, 1]).toContain(code);
      const html = await readFile(join(dir, 'r.html'), 'utf8');
      expect(html).toContain('<section class="dash-previews" id="dashboards">');
      expect(html).toContain('All 5 panels have data over the replay.');
      expect((html.match(/class="panel-preview /g) ?? []).length).toBe(5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
