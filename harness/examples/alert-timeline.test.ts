// Assert on an alert timeline in vitest: a backtest of one rule over a synthetic incident.
import { expect, it } from 'vitest';
import '@alertcraft/harness/vitest';
import { startRuntime } from '@alertcraft/harness';

const MIN = 60_000;
const t0 = Date.UTC(2026, 0, 1);
// A gauge of failing jobs: 1 normally, 10 during the incident (minutes 20 to 40).
const incident = { start: t0 + 20 * MIN, end: t0 + 40 * MIN, labels: { job: 'worker' } };
const timestamps = Float64Array.from({ length: 61 }, (_, i) => t0 + i * MIN);
const values = timestamps.map((t) => (t >= incident.start && t < incident.end ? 10 : 1));

it('pages within 5 minutes of the incident and stays quiet otherwise', async () => {
  await using runtime = await startRuntime('embedded');
  const run = await runtime.backtest({
    series: [{ labels: { __name__: 'failing_jobs', job: 'worker' }, timestamps, values }],
    rules: [
      {
        name: 'worker',
        interval: '1m',
        rules: [{ alert: 'JobsFailing', expr: 'failing_jobs > 5', for: '3m', labels: { severity: 'page' } }],
      },
    ],
    start: t0,
    end: t0 + 60 * MIN,
  });

  expect(run).toFire('JobsFailing', { for: incident, within: '5m' });
  expect(run).not.toFireDuring({ start: t0, end: incident.start });
  expect(run.alerts[0]).toRouteTo('pager', {
    route: { receiver: 'tickets', routes: [{ matchers: ['severity="page"'], receiver: 'pager' }] },
  });
});
