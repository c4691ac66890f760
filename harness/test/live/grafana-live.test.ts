/**
 * Live Grafana: Postgres (the postgres image or ALERTCRAFT_POSTGRES_IMAGE) and Grafana 11.2
 * (grafana/grafana:11.2.0 or ALERTCRAFT_GRAFANA_IMAGE) on one testcontainers network. The DevDiag
 * schema and sample data go into Postgres, a `devdiag-postgres` datasource into Grafana, then
 * `alertcraft grafana apply --pack devdiag` pushes the folder and rule group; the group read back
 * must equal what was pushed, a second apply must print "no changes", and Grafana's own rule state
 * API must report every DevDiag rule evaluated (inactive, pending or firing, health ok).
 *
 * Skips with the reason naming the image when the Grafana image is not in the local engine or no
 * engine answers, also under ALERTCRAFT_REQUIRE=local (test-support's grafanaImageAvailability: the
 * one skip CI allows, as no Grafana image can be built from Debian's packages).
 */
import { describe, expect, it } from 'vitest';
import { DEVDIAG_FOLDER, devdiagAlertGroup, grafanaClient } from '@alertcraft/grafana-json';
import { grafanaImageAvailability } from '../../../test-support/requirements.js';
import type { CommandIO } from '../../src/cli/command.js';
import { fieldDiff, packGrafanaObjects } from '../../src/cli/commands/grafana-apply.js';
import { main } from '../../src/cli/main.js';
import { insertSampleData, migrateDevdiag } from '../../src/devdiag/index.js';
import {
  loadTestcontainers,
  loadTestcontainersPostgres,
  probeLocalImage,
  resolveImages,
} from '../../src/runtime/container-engine.js';

const images = resolveImages();
const grafana = grafanaImageAvailability(images.grafana, await probeLocalImage(images.grafana));
if (!grafana.ok) console.log(`skipping live Grafana test: ${grafana.reason}`);

const PASSWORD = 'alertcraft-live-pw';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: process.cwd() };
  const code = await main(argv, io);
  expect([...out, ...err].join('\n')).not.toContain(PASSWORD);
  return { code, out, err };
}

describe.skipIf(!grafana.ok)(`live Grafana (${images.grafana}) with Postgres (${images.postgres})`, () => {
  it('applies the DevDiag pack, reads it back equal, a second apply changes nothing, rules evaluate', async () => {
    const { GenericContainer, Network, Wait } = await loadTestcontainers();
    const { PostgreSqlContainer } = await loadTestcontainersPostgres();
    const network = await new Network().start();
    const stops: Array<() => Promise<unknown>> = [() => network.stop()];
    try {
      const pg = await new PostgreSqlContainer(images.postgres)
        .withNetwork(network)
        .withNetworkAliases('devdiag-db')
        .withDatabase('devdiag')
        .withUsername('devdiag')
        .withPassword('devdiag')
        .start();
      stops.unshift(() => pg.stop({ timeout: 5_000, removeVolumes: true }));
      const { default: pgLib } = await import('pg');
      const db = new pgLib.Client({ connectionString: pg.getConnectionUri() });
      await db.connect();
      try {
        const query = (sql: string, params?: readonly unknown[]) => db.query(sql, params as unknown[]);
        await migrateDevdiag(query);
        await insertSampleData(query);
      } finally {
        await db.end();
      }
      const gf = await new GenericContainer(images.grafana)
        .withNetwork(network)
        .withEnvironment({ GF_SECURITY_ADMIN_PASSWORD: PASSWORD })
        .withExposedPorts(3000)
        .withWaitStrategy(Wait.forHttp('/api/health', 3000).forStatusCode(200))
        .withStartupTimeout(180_000)
        .start();
      stops.unshift(() => gf.stop({ timeout: 5_000, remove: true, removeVolumes: true }));
      const url = `http://${gf.getHost()}:${gf.getMappedPort(3000)}`;
      const auth = { username: 'admin', password: PASSWORD };
      const ds = await fetch(`${url}/api/datasources`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`admin:${PASSWORD}`)}` },
        body: JSON.stringify({
          uid: 'devdiag-postgres',
          name: 'DevDiag',
          type: 'grafana-postgresql-datasource',
          access: 'proxy',
          url: 'devdiag-db:5432',
          user: 'devdiag',
          jsonData: { database: 'devdiag', sslmode: 'disable' },
          secureJsonData: { password: 'devdiag' },
        }),
      });
      expect(ds.status, await ds.text()).toBe(200);

      const first = await run(['grafana', 'apply', '--url', url, '--pack', 'devdiag', '--user', `admin:${PASSWORD}`]);
      expect(first.code, first.err.join('\n')).toBe(0);
      expect(first.out.at(-1)).toBe('2 change(s) applied');

      const client = grafanaClient({ url, auth });
      const want = { ...packGrafanaObjects('devdiag').ruleGroups[0]!, folderUid: DEVDIAG_FOLDER.uid };
      const got = await client.getRuleGroup(DEVDIAG_FOLDER.uid, devdiagAlertGroup().name);
      expect(fieldDiff(got, want)).toEqual([]);

      const second = await run(['grafana', 'apply', '--url', url, '--pack', 'devdiag', '--user', `admin:${PASSWORD}`]);
      expect(second.out.at(-1)).toBe('no changes');

      // Grafana's rule state API: every DevDiag rule evaluated at least once, health ok
      const uids = new Set(devdiagAlertGroup().rules.map((r) => r.uid));
      const deadline = Date.now() + 6 * 60_000;
      let states: Array<{ name: string; state: string; health: string }> = [];
      while (Date.now() < deadline) {
        const r = await fetch(`${url}/api/prometheus/grafana/api/v1/rules`, {
          headers: { authorization: `Basic ${btoa(`admin:${PASSWORD}`)}` },
        });
        const body = (await r.json()) as {
          data: {
            groups: Array<{ rules: Array<{ name: string; state: string; health: string; lastEvaluation?: string }> }>;
          };
        };
        const rules = body.data.groups.flatMap((g) => g.rules);
        states = rules.map((x) => ({ name: x.name, state: x.state, health: x.health }));
        const evaluated = rules.filter((x) => x.lastEvaluation && !x.lastEvaluation.startsWith('0001'));
        if (evaluated.length >= uids.size) break;
        await new Promise((res) => setTimeout(res, 10_000));
      }
      console.log(states.map((s) => `${s.name}: ${s.state} (${s.health})`).join('\n'));
      expect(states).toHaveLength(uids.size);
      for (const s of states) {
        expect(['inactive', 'pending', 'firing']).toContain(s.state);
        expect(s.health).toBe('ok');
      }
    } finally {
      for (const stop of stops) await stop().catch(() => undefined);
    }
  }, 900_000);
});
