// The Grafana client against a STAND-IN: no Grafana can run here, so a local HTTP server on a free
// port implements the endpoints the client uses with the behaviour Grafana 11.2's HTTP API docs
// give them (status codes and `{ message }` bodies, 404 for a missing folder/dashboard/rule group,
// 412 version-mismatch on a stale dashboard save, the provenance rule "cannot change provenance
// from 'api' to ''"). It is not Grafana; the live test against grafana/grafana:11.2.0 is item 7's.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrafanaApiError, grafanaClient, maskUrl } from './client.js';

interface Stored {
  dashboard: Record<string, unknown>;
  folderUid?: string;
}

function standIn() {
  const folders = new Map<string, { uid: string; title: string; version: number }>();
  const dashboards = new Map<string, Stored>();
  const groups = new Map<string, { body: Record<string, unknown>; provenance: string }>();
  const log: string[] = [];
  let flaky = 0;
  const body = (req: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      let s = '';
      req.on('data', (c) => {
        s += c;
      });
      req.on('end', () => resolve(s ? JSON.parse(s) : {}));
    });
  const server = createServer(async (req, res) => {
    const send = (status: number, b: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(b));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    log.push(`${req.method} ${p}${req.headers['x-disable-provenance'] ? ' [X-Disable-Provenance]' : ''}`);
    const authz = req.headers.authorization ?? '';
    if (authz !== 'Bearer glsa_test' && authz !== `Basic ${btoa('admin:s3cr3t-pw')}`)
      return send(401, { message: 'Invalid API key' });
    if (p === '/api/health') return send(200, { database: 'ok', version: '11.2.0', commit: 'stand-in' });
    if (p === '/api/datasources') {
      if (flaky-- > 0) return send(503, { message: 'service unavailable' });
      return send(200, [{ uid: 'devdiag-postgres', type: 'grafana-postgresql-datasource', name: 'DevDiag' }]);
    }
    const folder = /^\/api\/folders\/([^/]+)$/.exec(p);
    if (p === '/api/folders' && req.method === 'POST') {
      const b = await body(req);
      const f = { uid: String(b.uid), title: String(b.title), version: 1 };
      if (folders.has(f.uid)) return send(409, { message: 'a folder with the same uid already exists' });
      folders.set(f.uid, f);
      return send(200, f);
    }
    if (folder && req.method === 'GET') {
      const f = folders.get(decodeURIComponent(folder[1]!));
      return f ? send(200, f) : send(404, { message: 'folder not found' });
    }
    if (folder && req.method === 'PUT') {
      const f = folders.get(decodeURIComponent(folder[1]!));
      const b = await body(req);
      if (!f) return send(404, { message: 'folder not found' });
      if (b.version !== f.version) return send(412, { message: 'the folder has been changed by someone else' });
      f.title = String(b.title);
      f.version++;
      return send(200, f);
    }
    const dash = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(p);
    if (dash) {
      const d = dashboards.get(decodeURIComponent(dash[1]!));
      return d
        ? send(200, { dashboard: d.dashboard, meta: { folderUid: d.folderUid } })
        : send(404, { message: 'Dashboard not found' });
    }
    if (p === '/api/dashboards/db' && req.method === 'POST') {
      const b = await body(req);
      const d = b.dashboard as Record<string, unknown>;
      const cur = dashboards.get(String(d.uid));
      if (cur && !b.overwrite && d.version !== cur.dashboard.version)
        return send(412, { message: 'The dashboard has been changed by someone else', status: 'version-mismatch' });
      const version = cur ? Number(cur.dashboard.version) + 1 : 1;
      dashboards.set(String(d.uid), {
        dashboard: { ...d, id: 7, version },
        ...(b.folderUid ? { folderUid: String(b.folderUid) } : {}),
      });
      return send(200, { uid: d.uid, version, status: 'success' });
    }
    const group = /^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/.exec(p);
    if (group) {
      const key = `${group[1]}/${group[2]}`;
      if (req.method === 'GET') {
        const g = groups.get(key);
        return g ? send(200, g.body) : send(404, { message: 'rule group does not exist' });
      }
      const b = await body(req);
      const provenance = req.headers['x-disable-provenance'] ? '' : 'api';
      const cur = groups.get(key);
      if (cur && cur.provenance !== provenance)
        return send(400, { message: `cannot change provenance from '${cur.provenance}' to '${provenance}'` });
      groups.set(key, { body: b, provenance });
      return send(200, b);
    }
    return send(404, { message: 'Not found' });
  });
  return {
    server,
    log,
    dashboards,
    setFlaky: (n: number) => {
      flaky = n;
    },
  };
}

describe('Grafana client (against a stand-in HTTP server, not Grafana)', () => {
  const s = standIn();
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = s.server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });
  const noWait = async () => undefined;

  it('health and datasources with a token; retries a 503 on GET', async () => {
    const c = grafanaClient({ url, auth: { token: 'glsa_test' }, sleep: noWait });
    expect(await c.health()).toMatchObject({ database: 'ok', version: '11.2.0' });
    s.setFlaky(2);
    expect((await c.datasources()).map((d) => d.uid)).toEqual(['devdiag-postgres']);
    s.setFlaky(5);
    await expect(c.datasources()).rejects.toThrow('GET /api/datasources: HTTP 503: service unavailable');
    s.setFlaky(0);
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
    expect(await c.getRuleGroup('devdiag-alerts', 'devdiag')).toEqual(group);
    // the second run only reads
    expect(s.log.slice(before).every((l) => l.startsWith('GET '))).toBe(true);
    expect(s.log).toContain(
      'PUT /api/v1/provisioning/folder/devdiag-alerts/rule-groups/devdiag [X-Disable-Provenance]',
    );
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
