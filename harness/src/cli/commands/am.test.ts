import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineAlert } from '@alertcraft/promql';
import { buildResult, buildRun } from '../../result/build.js';
import { stringifyResult } from '../../result/io.js';
import type { CommandIO } from '../command.js';
import { main } from '../main.js';

let dir: string;
const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), isTTY: false, cwd: dir };
  return { io, out, err };
};

const CONFIG = `route:
  receiver: default
  group_by: [alertname]
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      continue: true
      routes:
        - matchers: ['team="db"']
          receiver: db
    - matchers: ['severity=~"critical|warning"']
      receiver: chat
receivers:
  - name: default
  - name: pager
    webhook_configs: [{ url: 'http://127.0.0.1:9/pager' }]
  - name: db
  - name: chat
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alertcraft-am-cli-'));
  await writeFile(join(dir, 'am.yml'), CONFIG);
  await writeFile(join(dir, 'bad-yaml.yml'), 'route:\n  receiver: [unclosed\n');
  await writeFile(
    join(dir, 'unknown-receiver.yml'),
    'route:\n  receiver: default\n  routes:\n    - receiver: nobody\nreceivers:\n  - name: default\n',
  );
  await writeFile(
    join(dir, 'bad-zone.yml'),
    "route:\n  receiver: default\nreceivers:\n  - name: default\ntime_intervals:\n  - name: w\n    time_intervals:\n      - weekdays: ['monday']\n        location: Europe/Atlantis\n",
  );
  await writeFile(
    join(dir, 'bad-test.yml'),
    'config_file: am.yml\ntests:\n  - name: x\n    alerts:\n      - labels: { a: b }\n        fired_at: soon\n',
  );
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('alertcraft am routes (amtool config routes test output)', () => {
  it('prints the receivers in routing order', async () => {
    const c = capture();
    expect(await main(['am', 'routes', '--config', 'am.yml', 'severity=critical', 'team=db'], c.io)).toBe(0);
    expect(c.out).toEqual(['db,chat']);
  });
  it('--tree prints the matching routes as amtool does', async () => {
    const c = capture();
    expect(await main(['am', 'routes', '--config', 'am.yml', '--tree', 'severity=critical', 'team=db'], c.io)).toBe(0);
    // Captured from Debian's amtool 0.25 on the same config.
    expect(c.out.join('\n')).toBe(
      [
        'Matching routes:',
        '.',
        '└── default-route',
        '    ├── {severity="critical"}',
        '    │   └── {team="db"}  receiver: db',
        '    └── {severity=~"critical|warning"}  receiver: chat',
        '',
        '',
        'db,chat',
      ].join('\n'),
    );
  });
  it('--tree without labels prints the whole tree', async () => {
    const c = capture();
    expect(await main(['am', 'routes', '--config', 'am.yml', '--tree'], c.io)).toBe(0);
    expect(c.out).toContain('    ├── {severity="critical"}  continue: true  receiver: pager');
  });
  it("--verify.receivers exits 1 with amtool's warning when they differ", async () => {
    const ok = capture();
    expect(
      await main(
        ['am', 'routes', '--config', 'am.yml', '--verify.receivers', 'db,chat', 'severity=critical', 'team=db'],
        ok.io,
      ),
    ).toBe(0);
    const bad = capture();
    expect(
      await main(
        ['am', 'routes', '--config', 'am.yml', '--verify.receivers=pager', 'severity=critical', 'team=db'],
        bad.io,
      ),
    ).toBe(1);
    expect(bad.out).toEqual(['db,chat', 'WARNING: Expected receivers did not match resolved receivers.']);
  });
});

describe('alertcraft am: bad input exits 2 with a located message', () => {
  const cases: [string, string[], RegExp][] = [
    ['invalid YAML', ['am', 'routes', '--config', 'bad-yaml.yml', 'a=b'], /bad-yaml\.yml:\d+:\d+: /],
    [
      'an unknown receiver',
      ['am', 'routes', '--config', 'unknown-receiver.yml', 'a=b'],
      /unknown-receiver\.yml:4:\d+: route\.routes\[0\]\.receiver: undefined receiver "nobody"/,
    ],
    [
      'a bad time zone',
      ['am', 'routes', '--config', 'bad-zone.yml', 'a=b'],
      /bad-zone\.yml:9:\d+: .*location: unknown time zone "Europe\/Atlantis"/,
    ],
    [
      'a malformed test file',
      ['am', 'test', 'bad-test.yml'],
      /bad-test\.yml:6:19: fired_at: "soon" is neither a duration offset/,
    ],
    ['a missing file', ['am', 'test', 'nope.yml'], /nope\.yml.*not found/],
    [
      'a label that is not LABEL=VALUE',
      ['am', 'routes', '--config', 'am.yml', 'severity'],
      /label "severity" is not LABEL=VALUE/,
    ],
  ];
  for (const [what, argv, message] of cases) {
    it(what, async () => {
      const c = capture();
      expect(await main(argv, c.io)).toBe(2);
      expect(c.err.join('\n')).toMatch(message);
      expect(c.err.join('\n')).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});

describe('alertcraft am simulate', () => {
  it('prints the notification timeline of a replay result', async () => {
    const T = Date.UTC(2025, 8, 1, 6);
    const MIN = 60_000;
    const alerts: TimelineAlert[] = [
      {
        alertname: 'DbDown',
        labels: { severity: 'critical', team: 'db' },
        state: 'inactive',
        activeAt: T,
        firedAt: T + MIN,
        resolvedAt: T + 20 * MIN,
      },
      { alertname: 'Pending', labels: { severity: 'critical' }, state: 'pending', activeAt: T },
    ];
    const run = buildRun({
      pack: 'maestro',
      phase: 'day0',
      scenario: 's',
      runtime: 'embedded',
      seed: 1,
      window: { start: T, end: T + 60 * MIN },
      alerts,
      incidents: [],
    });
    await writeFile(join(dir, 'result.json'), stringifyResult(buildResult([run])));
    const c = capture();
    expect(await main(['am', 'simulate', '--config', 'am.yml', '--run', 'result.json'], c.io)).toBe(0);
    // DbDown goes to db (pager's child) and chat; Pending never fired. Fired 06:01, group_wait 30s; resolved at 06:20, seen by the flush at 06:21:30 (every 5 m from 06:01:30).
    expect(c.out).toEqual([
      '# maestro day0 s (2025-09-01T06:00:00.000Z .. 2025-09-01T07:00:00.000Z): 4 notifications, 0 suppressed flushes',
      '2025-09-01T06:01:30Z  chat  receiver  {alertname="DbDown"}  firing=1 resolved=0',
      '    firing   {alertname="DbDown", severity="critical", team="db"}',
      '2025-09-01T06:01:30Z  db  receiver  {alertname="DbDown"}  firing=1 resolved=0',
      '    firing   {alertname="DbDown", severity="critical", team="db"}',
      '2025-09-01T06:21:30Z  chat  receiver  {alertname="DbDown"}  firing=0 resolved=1',
      '    resolved {alertname="DbDown", severity="critical", team="db"}',
      '2025-09-01T06:21:30Z  db  receiver  {alertname="DbDown"}  firing=0 resolved=1',
      '    resolved {alertname="DbDown", severity="critical", team="db"}',
      '# per receiver: chat=2 db=2',
      '',
    ]);
  });
});
