/**
 * Alertmanager test files: routing, grouping, inhibition, silence and time-interval assertions in
 * YAML, checked against the simulator (`alertcraft am test FILE`). The format:
 *
 * ```yaml
 * config_file: alertmanager.yml        # relative to the test file
 * tests:
 *   - name: paging
 *     start: 2024-01-06T10:00:00Z        # time 0 of the test (default 1970-01-01T00:00:00Z)
 *     routes:                            # label set → receivers, in order (amtool config routes test)
 *       - labels: { severity: critical }
 *         receivers: [pager]
 *         group_by: [alertname]          # optional: the matched routes' group_by
 *     alerts:                            # alerts as Alertmanager receives them
 *       - labels: { alertname: Down, severity: critical }
 *         fired_at: 0s                   # offset from start, or RFC 3339
 *         resolved_at: 10m               # optional
 *     silences:
 *       - matchers: ['alertname="Noise"']
 *         starts_at: 0s
 *         ends_at: 1h
 *     inhibited:                         # whether a label set is inhibited at a time (by the alerts above)
 *       - at: 1m
 *         labels: { alertname: Slow, severity: warning }
 *         inhibited: true
 *     time_intervals:                    # whether a named interval contains a time
 *       - at: 2024-01-06T12:00:00Z
 *         interval: weekend
 *         active: true
 *     end: 2h                            # simulate until (default: last alert event + 1h)
 *     notifications:                     # every notification sent, exactly
 *       - at: 30s
 *         receiver: pager
 *         integration: webhook_configs[0]   # optional; leave out on all entries to ignore integrations
 *         group_labels: { alertname: Down } # optional
 *         firing: [{ alertname: Down, severity: critical }]
 *         resolved: []
 * ```
 */
import { formatDuration, labelsKey, parseDuration, YamlReader, type Labels } from '@alertcraft/promql';
import { isRfc3339, type AlertmanagerConfig } from '@alertcraft/rule-dsl';

type YamlNode = NonNullable<Parameters<YamlReader['string']>[0]>;
import { AlertNoiseError } from '../errors.js';
import { matchRoutes } from '../routing.js';
import { inhibitedBy, compileInhibitRules } from './inhibit.js';
import type { SimSilence } from './silences.js';
import { alertsWithin, simulateAlertmanager, type SimAlert } from './simulate.js';
import { compileTimeIntervals, inAnyInterval } from './time-intervals.js';

/** A problem in a test file, located (`file:line:col: message`). */
export class AmTestFileError extends AlertNoiseError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super('alert-noise/am-test-file', `${file}:${line}:${column}: ${detail}`);
    this.name = 'AmTestFileError';
  }
}

interface Located {
  /** 1-based line in the test file. */
  line: number;
}

export interface RouteCase extends Located {
  labels: Labels;
  receivers: string[];
  groupBy?: string[];
}

export interface InhibitCase extends Located {
  at: number;
  labels: Labels;
  inhibited: boolean;
}

export interface IntervalCase extends Located {
  at: number;
  interval: string;
  active: boolean;
}

export interface ExpectedNotification {
  at: number;
  receiver: string;
  integration?: string;
  groupLabels?: Labels;
  firing: Labels[];
  resolved: Labels[];
}

export interface AmTestCase extends Located {
  name: string;
  start: number;
  end?: number;
  routes: RouteCase[];
  alerts: SimAlert[];
  silences: SimSilence[];
  inhibited: InhibitCase[];
  timeIntervals: IntervalCase[];
  /** Undefined: notifications are not checked. */
  notifications?: ExpectedNotification[] & Located;
  notificationsLine?: number;
}

export interface AmTestFile {
  file: string;
  configFile: string;
  tests: AmTestCase[];
}

/** Parses a test file; throws `AmTestFileError` with the line of the problem. */
export function parseAmTestFile(text: string, file: string): AmTestFile {
  const y: YamlReader = new YamlReader(
    file,
    (message, pos) => new AmTestFileError(file, pos?.line ?? 0, pos?.column ?? 0, message),
  );
  const root = y.parse(text, { version: '1.2' });
  const top = y.map(root, 'test file', ['config_file', 'tests']);
  const configNode = top.get('config_file');
  if (!configNode) y.fail(root, "missing 'config_file' (the Alertmanager config the tests run against)");
  const configFile = y.string(configNode.value, 'config_file');
  const labels = (n: YamlNode | null | undefined, what: string): Labels => y.stringMap(n, what);
  const time = (n: YamlNode | null | undefined, what: string, start: number): number => {
    const s = y.string(n, what);
    if (isRfc3339(s)) return Date.parse(s);
    try {
      return start + parseDuration(s);
    } catch {
      return y.fail(n, `${what}: ${JSON.stringify(s)} is neither a duration offset (30s, 1h5m) nor an RFC 3339 time`);
    }
  };
  const bool = (n: YamlNode | null | undefined, what: string): boolean => {
    const s = y.string(n, what);
    if (s !== 'true' && s !== 'false') y.fail(n, `${what} must be true or false`);
    return s === 'true';
  };
  const strings = (n: YamlNode | null | undefined, what: string) =>
    y.seq(n, what).map((x, i) => y.string(x, `${what}[${i}]`));
  const tests = y.seq(top.get('tests')?.value, 'tests').map((tn, ti): AmTestCase => {
    const f = y.map(tn, `tests[${ti}]`, [
      'name',
      'start',
      'end',
      'routes',
      'alerts',
      'silences',
      'inhibited',
      'time_intervals',
      'notifications',
    ]);
    const name = f.get('name') ? y.string(f.get('name')!.value, 'name') : `test ${ti + 1}`;
    const startNode = f.get('start')?.value;
    let start = 0;
    if (startNode) {
      const s = y.string(startNode, 'start');
      if (!isRfc3339(s))
        y.fail(startNode, `start: ${JSON.stringify(s)} is not an RFC 3339 time like 2024-01-06T10:00:00Z`);
      start = Date.parse(s);
    }
    const req = (
      m: Map<string, { key: YamlNode; value: YamlNode | null }>,
      key: string,
      node: YamlNode,
      what: string,
    ) => {
      const v = m.get(key);
      if (!v) y.fail(node, `${what}: missing '${key}'`);
      return v.value;
    };
    const routes = y.seq(f.get('routes')?.value, 'routes').map((n, i) => {
      const m = y.map(n, `routes[${i}]`, ['labels', 'receivers', 'group_by']);
      const gb = m.get('group_by');
      return {
        line: y.line(n),
        labels: labels(req(m, 'labels', n, `routes[${i}]`), 'labels'),
        receivers: strings(req(m, 'receivers', n, `routes[${i}]`), 'receivers'),
        ...(gb ? { groupBy: strings(gb.value, 'group_by') } : {}),
      };
    });
    const alerts = y.seq(f.get('alerts')?.value, 'alerts').map((n, i): SimAlert => {
      const m = y.map(n, `alerts[${i}]`, ['labels', 'fired_at', 'resolved_at']);
      const startsAt = time(req(m, 'fired_at', n, `alerts[${i}]`), 'fired_at', start);
      const r = m.get('resolved_at');
      const endsAt = r ? time(r.value, 'resolved_at', start) : undefined;
      if (endsAt !== undefined && endsAt < startsAt) y.fail(r!.value, 'resolved_at is before fired_at');
      return {
        labels: labels(req(m, 'labels', n, `alerts[${i}]`), 'labels'),
        startsAt,
        ...(endsAt !== undefined ? { endsAt } : {}),
      };
    });
    const silences = y.seq(f.get('silences')?.value, 'silences').map((n, i): SimSilence => {
      const m = y.map(n, `silences[${i}]`, ['matchers', 'starts_at', 'ends_at']);
      return {
        matchers: strings(req(m, 'matchers', n, `silences[${i}]`), 'matchers'),
        startsAt: time(req(m, 'starts_at', n, `silences[${i}]`), 'starts_at', start),
        endsAt: time(req(m, 'ends_at', n, `silences[${i}]`), 'ends_at', start),
      };
    });
    const inhibited = y.seq(f.get('inhibited')?.value, 'inhibited').map((n, i) => {
      const m = y.map(n, `inhibited[${i}]`, ['at', 'labels', 'inhibited']);
      return {
        line: y.line(n),
        at: time(req(m, 'at', n, `inhibited[${i}]`), 'at', start),
        labels: labels(req(m, 'labels', n, `inhibited[${i}]`), 'labels'),
        inhibited: bool(req(m, 'inhibited', n, `inhibited[${i}]`), 'inhibited'),
      };
    });
    const timeIntervals = y.seq(f.get('time_intervals')?.value, 'time_intervals').map((n, i) => {
      const m = y.map(n, `time_intervals[${i}]`, ['at', 'interval', 'active']);
      return {
        line: y.line(n),
        at: time(req(m, 'at', n, `time_intervals[${i}]`), 'at', start),
        interval: y.string(req(m, 'interval', n, `time_intervals[${i}]`), 'interval'),
        active: bool(req(m, 'active', n, `time_intervals[${i}]`), 'active'),
      };
    });
    const nn = f.get('notifications');
    const notifications = nn
      ? y.seq(nn.value, 'notifications').map((n, i): ExpectedNotification => {
          const m = y.map(n, `notifications[${i}]`, [
            'at',
            'receiver',
            'integration',
            'group_labels',
            'firing',
            'resolved',
          ]);
          const gl = m.get('group_labels');
          const integ = m.get('integration');
          return {
            at: time(req(m, 'at', n, `notifications[${i}]`), 'at', start),
            receiver: y.string(req(m, 'receiver', n, `notifications[${i}]`), 'receiver'),
            ...(integ ? { integration: y.string(integ.value, 'integration') } : {}),
            ...(gl ? { groupLabels: labels(gl.value, 'group_labels') } : {}),
            firing: y.seq(m.get('firing')?.value, 'firing').map((x) => labels(x, 'firing')),
            resolved: y.seq(m.get('resolved')?.value, 'resolved').map((x) => labels(x, 'resolved')),
          };
        })
      : undefined;
    const endNode = f.get('end')?.value;
    return {
      line: y.line(tn),
      name,
      start,
      ...(endNode ? { end: time(endNode, 'end', start) } : {}),
      routes,
      alerts,
      silences,
      inhibited,
      timeIntervals,
      ...(notifications
        ? { notifications: notifications as AmTestCase['notifications'], notificationsLine: y.line(nn!.key) }
        : {}),
    };
  });
  y.finish();
  if (!tests.length) y.fail(root, "no tests: add a 'tests' list");
  return { file, configFile, tests };
}

/** One failed assertion: what was checked, at which line, expected and got as text lines. */
export interface AmTestFailure {
  test: string;
  line: number;
  what: string;
  expected: string[];
  got: string[];
}

const labelsText = (l: Labels) =>
  `{${Object.keys(l)
    .sort()
    .map((k) => `${k}="${l[k]}"`)
    .join(', ')}}`;
const sortLabels = (ls: readonly Labels[]) =>
  [...ls].sort((a, b) => (labelsKey(a) < labelsKey(b) ? -1 : labelsKey(a) > labelsKey(b) ? 1 : 0));

function offset(ms: number, start: number): string {
  const d = ms - start;
  return d >= 0 && Number.isSafeInteger(d) ? formatDuration(d) : new Date(ms).toISOString();
}

function notificationLine(
  n: ExpectedNotification,
  start: number,
  withIntegration: boolean,
  withGroup: boolean,
): string {
  const parts = [`at ${offset(n.at, start)}`, `receiver ${n.receiver}`];
  if (withIntegration) parts.push(`integration ${n.integration ?? '?'}`);
  if (withGroup) parts.push(`group ${labelsText(n.groupLabels ?? {})}`);
  parts.push(`firing [${sortLabels(n.firing).map(labelsText).join(', ')}]`);
  if (n.resolved.length) parts.push(`resolved [${sortLabels(n.resolved).map(labelsText).join(', ')}]`);
  return parts.join(' ');
}

/** Runs every test of the file against `config`; returns the failures (empty = pass). */
export function runAmTests(tf: AmTestFile, config: AlertmanagerConfig): AmTestFailure[] {
  const failures: AmTestFailure[] = [];
  const intervals = compileTimeIntervals(config);
  const inhibitRules = compileInhibitRules(config.inhibit_rules);
  for (const t of tf.tests) {
    for (const rc of t.routes) {
      const matched = matchRoutes(config, rc.labels);
      const got = matched.map((r) => r.receiver);
      if (got.join(',') !== rc.receivers.join(','))
        failures.push({
          test: t.name,
          line: rc.line,
          what: `routes for ${labelsText(rc.labels)}`,
          expected: [rc.receivers.join(',')],
          got: [got.join(',')],
        });
      if (rc.groupBy) {
        const gotGb = matched.map((r) => `[${r.groupBy.join(', ')}]`).join(' ');
        const expGb = matched.map(() => `[${rc.groupBy!.join(', ')}]`).join(' ');
        if (gotGb !== expGb)
          failures.push({
            test: t.name,
            line: rc.line,
            what: `group_by for ${labelsText(rc.labels)}`,
            expected: [expGb],
            got: [gotGb],
          });
      }
    }
    for (const ic of t.inhibited) {
      const by = inhibitedBy(inhibitRules, ic.labels, alertsWithin(t.alerts, ic.at));
      if ((by !== undefined) !== ic.inhibited) {
        failures.push({
          test: t.name,
          line: ic.line,
          what: `inhibition of ${labelsText(ic.labels)} at ${offset(ic.at, t.start)}`,
          expected: [ic.inhibited ? 'inhibited' : 'not inhibited'],
          got: [by ? `inhibited by ${labelsText(by.source)} (inhibit_rules[${by.rule}])` : 'not inhibited'],
        });
      }
    }
    for (const tc of t.timeIntervals) {
      if (!intervals.has(tc.interval)) {
        failures.push({
          test: t.name,
          line: tc.line,
          what: `time interval ${tc.interval}`,
          expected: ['a time interval of that name in the config'],
          got: [`none; known: ${[...intervals.keys()].join(', ') || '(none)'}`],
        });
        continue;
      }
      const got = inAnyInterval(intervals, [tc.interval], tc.at);
      if (got !== tc.active)
        failures.push({
          test: t.name,
          line: tc.line,
          what: `time interval ${tc.interval} at ${new Date(tc.at).toISOString()}`,
          expected: [tc.active ? 'active' : 'not active'],
          got: [got ? 'active' : 'not active'],
        });
    }
    if (t.notifications) {
      const lastEvent = Math.max(t.start, ...t.alerts.map((a) => a.endsAt ?? a.startsAt));
      const sim = simulateAlertmanager(config, t.alerts, {
        start: t.start,
        end: t.end ?? lastEvent + 3_600_000,
        silences: t.silences,
      });
      const withIntegration = t.notifications.some((n) => n.integration !== undefined);
      const withGroup = t.notifications.some((n) => n.groupLabels !== undefined);
      const got = sim.notifications.map((n) =>
        notificationLine(
          {
            at: n.at,
            receiver: n.receiver,
            integration: n.integration,
            groupLabels: n.groupLabels,
            firing: n.alerts.filter((a) => a.status === 'firing').map((a) => a.labels),
            resolved: n.alerts.filter((a) => a.status === 'resolved').map((a) => a.labels),
          },
          t.start,
          withIntegration,
          withGroup,
        ),
      );
      const gotLines = withIntegration ? got : [...new Set(got)];
      const expLines = t.notifications.map((n) => notificationLine(n, t.start, withIntegration, withGroup));
      const sortLines = (xs: string[]) => [...xs].sort();
      if (sortLines(gotLines).join('\n') !== sortLines(expLines).join('\n')) {
        failures.push({
          test: t.name,
          line: t.notificationsLine ?? t.line,
          what: 'notifications',
          expected: expLines,
          got: gotLines,
        });
      }
    }
  }
  return failures;
}

/**
 * The failure report as `promtool test rules` prints it: `FAILED:` then per failure the test
 * name, what was checked and a line diff (`-` expected but missing, `+` got but not expected).
 */
export function formatAmTestFailures(failures: readonly AmTestFailure[], file: string): string {
  const out: string[] = [];
  for (const f of failures) {
    out.push(`    ${file}:${f.line}: name: ${f.test}, ${f.what}:`);
    const got = new Set(f.got);
    const exp = new Set(f.expected);
    if (f.expected.length === 1 && f.got.length === 1) {
      out.push(`        exp: ${f.expected[0]}`, `        got: ${f.got[0]}`);
      continue;
    }
    for (const e of f.expected) out.push(`${got.has(e) ? '         ' : '      - '}${e}`);
    for (const g of f.got) if (!exp.has(g)) out.push(`      + ${g}`);
  }
  return out.join('\n');
}
