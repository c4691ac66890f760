// The Grafana client against a STAND-IN (test-support/grafana-stand-in.ts): no Grafana can run here,
// so a local HTTP server on a free port implements the endpoints the client uses with the behaviour
// Grafana 11.2's HTTP API docs give them (status codes and `{ message }` bodies, 404 for a missing
// folder/dashboard/rule group, 412 version-mismatch on a stale dashboard save, the provenance rule
// "cannot change provenance from 'api' to ''"). It is not Grafana; the live test against
// grafana/grafana:11.2.0 is harness/test/live/grafana-live.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaStandIn, type GrafanaStandIn } from '../../../../test-support/grafana-stand-in.js';
import { GrafanaApiError, grafanaClient, maskUrl } from './client.js';

describe('Grafana client (against a stand-in HTTP server, not Grafana)', () => {
  let s: GrafanaStandIn;
  let url = '';
  beforeAll(async () => {
    s = await startGrafanaStandIn({ token: 'glsa_test', basic: { username: 'admin', password: 's3cr3t-pw' } });
    url = s.url;
  });
  afterAll(async () => {
    await s.close();
  });
  const noWait = async () => undefined;

  it('health and datasources with a token; retries a 503 on GET', async () => {
    const c = grafanaClient({ url, auth: { token: 'glsa_test' }, sleep: noWait });
    expect(await c.health()).toMatchObject({ database: 'ok', version: '11.2.0' });
    s.failNext('/api/datasources', 2);
    expect((await c.datasources()).map((d) => d.uid)).toEqual(['devdiag-postgres']);
    s.failNext('/api/datasources', 5);
    await expect(c.datasources()).rejects.toThrow('GET /api/datasources: HTTP 503: service unavailable');
    s.failNext('/api/datasources', 0);
  });

  it("fails with Grafana's message and never prints the credentials", async () => {
    const c = grafanaClient({ url: url.replace('http://', 'http://admin:wrong-pw@'), sleep: noWait });
    const err = await c.health().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrafanaApiError);
    expect((err as Error).message).toBe('GET /api/health: HTTP 401: Invalid API key');
    expect(maskUrl('http://admin:s3cr3t-pw@grafana:3000/')).toBe('http://***:***@grafana:3000');
    const down = grafanaClient({ url: 'http://admin:s3cr3t-pw@127.0.0.1:1', retries: 0, timeoutMs: 2000 });
    const e2 = (await down.health().catch((e: unknown) => e)) as Error;
    expect(e2.message).toMatch(/^GET \/api\/health: request failed: .* \(http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:1\)$/);
    expect(e2.message).not.toContain('s3cr3t-pw');
  });

  it('folders by uid, dashboards and rule groups are idempotent: a second apply changes nothing', async () => {
    const c = grafanaClient({ url: url.replace('http://', 'http://admin:s3cr3t-pw@'), disableProvenance: true });
    const dash = { uid: 'devdiag', title: 'DevDiag', schemaVersion: 39, panels: [] };
    const group = { title: 'devdiag', folderUid: 'devdiag-alerts', interval: 300, rules: [] };
    expect((await c.ensureFolder('devdiag-alerts', 'DevDiag Alerts')).outcome).toBe('created');
    expect(await c.saveDashboard(dash, { folderUid: 'devdiag-alerts' })).toEqual({
      uid: 'devdiag',
      version: 1,
      outcome: 'created',
    });
    await c.putRuleGroup('devdiag-alerts', 'devdiag', group);
    const before = s.log.length;
    expect((await c.ensureFolder('devdiag-alerts', 'DevDiag Alerts')).outcome).toBe('unchanged');
    expect((await c.saveDashboard(dash, { folderUid: 'devdiag-alerts' })).outcome).toBe('unchanged');
    expect(await c.getRuleGroup('devdiag-alerts', 'devdiag')).toMatchObject(group);
    // the second run only reads
    expect(s.log.slice(before).every((l) => l.startsWith('GET '))).toBe(true);
    expect(s.log).toContain('PUT /api/v1/provisioning/folder/devdiag-alerts/rule-groups/devdiag');
    // sent with X-Disable-Provenance: stored with provenance '' (editable in the UI), not 'api'
    expect(s.groups.get('devdiag-alerts/devdiag')?.provenance).toBe('');
    // a changed dashboard is written over the stored version
    expect(await c.saveDashboard({ ...dash, title: 'DevDiag v2' })).toEqual({
      uid: 'devdiag',
      version: 2,
      outcome: 'updated',
    });
    expect((await c.ensureFolder('devdiag-alerts', 'DevDiag')).outcome).toBe('updated');
  });

  it("a concurrent dashboard edit is a version conflict with Grafana's message; overwrite wins", async () => {
    const c = grafanaClient({ url, auth: { token: 'glsa_test' } });
    // someone saves version 3 between our read and our write
    const real = c.getDashboard.bind(c);
    const racing = {
      ...c,
      getDashboard: async (uid: string) => {
        const got = await real(uid);
        const stored = s.dashboards.get(uid)!;
        stored.dashboard = { ...stored.dashboard, version: Number(stored.dashboard.version) + 1 };
        return got;
      },
    };
    await expect(racing.saveDashboard({ uid: 'devdiag', title: 'mine' })).rejects.toThrow(
      'POST /api/dashboards/db: HTTP 412: The dashboard has been changed by someone else',
    );
    expect((await racing.saveDashboard({ uid: 'devdiag', title: 'mine' }, { overwrite: true })).outcome).toBe(
      'updated',
    );
  });

  it('a provenance change is refused with the message users see', async () => {
    const c = grafanaClient({ url, auth: { token: 'glsa_test' } });
    await expect(c.putRuleGroup('devdiag-alerts', 'devdiag', { title: 'devdiag', rules: [] })).rejects.toThrow(
      "HTTP 400: cannot change provenance from '' to 'api'",
    );
  });
});
