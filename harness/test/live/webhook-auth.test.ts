/** The bearer token live mode writes into the Alertmanager configuration passes `amtool check-config` (Debian's 0.25). */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emitAlertmanagerConfig } from '@alertcraft/rule-dsl';
import { ALERTMANAGER_HINT, needBinary } from '../../../test-support/requirements.js';
import { withWebhookAuthorization } from '../../src/live/webhook-auth.js';
import { getPack } from '../../src/pack-registry/registry.js';

const amtool = needBinary('local', ['amtool'], ALERTMANAGER_HINT);
if (!amtool.ok) console.log(`skipping amtool check-config: ${amtool.reason}`);

describe.skipIf(!amtool.ok)('webhook authorization in the live Alertmanager config', () => {
  it('every webhook to the run gets http_config.authorization; amtool check-config accepts it', async () => {
    const base = 'http://127.0.0.1:45678/webhook';
    const pack = getPack('aetherlink');
    const config = withWebhookAuthorization(pack.alertmanager('production', { webhookBaseUrl: base }), base, 'tok-123');
    const webhooks = (config.receivers ?? []).flatMap((r) => r.webhook_configs ?? []);
    expect(webhooks.length).toBeGreaterThan(0);
    for (const w of webhooks) expect(w.http_config?.authorization).toEqual({ type: 'Bearer', credentials: 'tok-123' });
    const dir = await mkdtemp(join(tmpdir(), 'alertcraft-amtool-'));
    try {
      const file = join(dir, 'alertmanager.yml');
      await writeFile(file, emitAlertmanagerConfig(config));
      const { stdout } = await promisify(execFile)(amtool.value!, ['check-config', file]);
      expect(stdout).toMatch(/SUCCESS/);
      expect(stdout).toMatch(/Found:[\s\S]*receivers/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
