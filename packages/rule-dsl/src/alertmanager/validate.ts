import { re2SyntaxError } from '@alertcraft/promql';
import type { RuleDslDiagnostic } from '../diagnostics.js';
import { isDuration, parseDuration } from '../duration.js';
import type { AlertmanagerConfig, InhibitRule, Route } from './config.js';
import { matchersFromLegacy, parseMatcher } from './matchers.js';
import { validateTimeInterval } from './time-intervals.js';

function diag(
  out: RuleDslDiagnostic[],
  code: string,
  severity: RuleDslDiagnostic['severity'],
  path: string,
  message: string,
  fix?: RuleDslDiagnostic['fix'],
): void {
  out.push({ code: `alertmanager/${code}`, severity, message, path, ...(fix ? { fix } : {}) });
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checkRegex(out: RuleDslDiagnostic[], value: string, path: string, what: string): boolean {
  const err = re2SyntaxError(value, { dialect: 'alertmanager' });
  if (err)
    diag(out, 'invalid-regex', 'error', path, `invalid regex ${JSON.stringify(value)} in ${what}: ${err.message}`);
  return !err;
}

function checkMatchers(out: RuleDslDiagnostic[], list: readonly string[] | undefined, path: string): void {
  (list ?? []).forEach((m, i) => {
    const parsed = typeof m === 'string' ? parseMatcher(m) : undefined;
    if (!parsed)
      diag(
        out,
        'invalid-matcher',
        'error',
        `${path}[${i}]`,
        `invalid matcher ${JSON.stringify(m)}: expected name="value", name!="value", name=~"regex" or name!~"regex"`,
      );
    else if (parsed.op === '=~' || parsed.op === '!~')
      checkRegex(out, parsed.value, `${path}[${i}]`, `matcher ${JSON.stringify(m)}`);
  });
}

/**
 * The deprecated `match`/`match_re` maps: keys are label names, `match_re` values RE2 regexes (as
 * Alertmanager checks them on load). True when both are usable (so the replacement can be built).
 */
function checkLegacy(
  out: RuleDslDiagnostic[],
  match: Record<string, string> | undefined,
  matchRe: Record<string, string> | undefined,
  path: string,
  names: [string, string],
): boolean {
  let ok = true;
  for (const [key, map] of [
    [names[0], match],
    [names[1], matchRe],
  ] as const) {
    for (const [name, value] of Object.entries(map ?? {})) {
      if (!LABEL_NAME.test(name)) {
        diag(
          out,
          'invalid-label-name',
          'error',
          `${path}.${key}`,
          `invalid label name ${JSON.stringify(name)} in '${key}': label names match [a-zA-Z_][a-zA-Z0-9_]*`,
        );
        ok = false;
      } else if (key === names[1] && !checkRegex(out, value, `${path}.${key}`, `'${key}' of ${JSON.stringify(name)}`))
        ok = false;
    }
  }
  return ok;
}

function checkDuration(out: RuleDslDiagnostic[], d: string | undefined, path: string, nonZero = false): void {
  if (d === undefined) return;
  if (typeof d !== 'string' || !isDuration(d)) {
    diag(out, 'invalid-duration', 'error', path, `invalid duration ${JSON.stringify(d)}; expected e.g. 30s, 5m, 4h`);
    return;
  }
  if (nonZero && parseDuration(d) === 0)
    diag(out, 'invalid-duration', 'error', path, `${path.split('.').pop()} must be greater than 0`);
}

/**
 * Check an Alertmanager config the way Alertmanager does when it loads it (root route needs a
 * receiver and no matchers, routes name defined receivers and time intervals, matchers parse,
 * durations are valid and group_interval/repeat_interval are non-zero, receiver integrations
 * have their required fields), plus deprecation warnings (`match`/`match_re`,
 * `source_match`/`target_match`, top-level `mute_time_intervals`) with the replacement as fix.
 */
export function validateAlertmanagerConfig(config: AlertmanagerConfig): RuleDslDiagnostic[] {
  const out: RuleDslDiagnostic[] = [];
  const receivers = new Set<string>();
  (config.receivers ?? []).forEach((r, i) => {
    const p = `receivers[${i}]`;
    if (!r.name) diag(out, 'missing-field', 'error', `${p}.name`, 'receiver needs a name');
    else if (receivers.has(r.name))
      diag(out, 'duplicate-receiver', 'error', `${p}.name`, `receiver name ${JSON.stringify(r.name)} is not unique`);
    else receivers.add(r.name);
    (r.webhook_configs ?? []).forEach((w, j) => {
      if (!w.url && !w.url_file)
        diag(out, 'missing-field', 'error', `${p}.webhook_configs[${j}]`, "webhook config needs 'url' or 'url_file'");
      else if (w.url && !/^https?:\/\//.test(w.url))
        diag(
          out,
          'invalid-url',
          'error',
          `${p}.webhook_configs[${j}].url`,
          `webhook url ${JSON.stringify(w.url)} must be http(s)://`,
        );
    });
    (r.pagerduty_configs ?? []).forEach((c, j) => {
      if (!c.routing_key && !c.service_key && !c.routing_key_file && !c.service_key_file) {
        diag(
          out,
          'missing-field',
          'error',
          `${p}.pagerduty_configs[${j}]`,
          "PagerDuty config needs 'routing_key' (Events API v2) or 'service_key'",
        );
      }
    });
    (r.slack_configs ?? []).forEach((c, j) => {
      if (!c.api_url && !c.api_url_file && !config.global?.slack_api_url && !config.global?.slack_api_url_file) {
        diag(
          out,
          'missing-field',
          'error',
          `${p}.slack_configs[${j}]`,
          "Slack config needs 'api_url' (or global.slack_api_url)",
        );
      }
    });
    (r.email_configs ?? []).forEach((c, j) => {
      if (!c.to) diag(out, 'missing-field', 'error', `${p}.email_configs[${j}]`, "email config needs 'to'");
      if (!c.smarthost && !config.global?.smtp_smarthost)
        diag(
          out,
          'missing-field',
          'error',
          `${p}.email_configs[${j}]`,
          "email config needs 'smarthost' (or global.smtp_smarthost)",
        );
      if (!c.from && !config.global?.smtp_from)
        diag(
          out,
          'missing-field',
          'error',
          `${p}.email_configs[${j}]`,
          "email config needs 'from' (or global.smtp_from)",
        );
    });
  });

  const intervals = new Set<string>();
  for (const key of ['time_intervals', 'mute_time_intervals'] as const) {
    (config[key] ?? []).forEach((t, i) => {
      if (!t.name) diag(out, 'missing-field', 'error', `${key}[${i}].name`, 'time interval needs a name');
      else if (intervals.has(t.name))
        diag(
          out,
          'duplicate-time-interval',
          'error',
          `${key}[${i}].name`,
          `time interval name ${JSON.stringify(t.name)} is not unique`,
        );
      else intervals.add(t.name);
      (t.time_intervals ?? []).forEach((ti, j) => {
        out.push(...validateTimeInterval(ti, `${key}[${i}].time_intervals[${j}]`));
      });
    });
  }
  if (config.mute_time_intervals?.length) {
    diag(
      out,
      'deprecated',
      'warning',
      'mute_time_intervals',
      "top-level 'mute_time_intervals' is deprecated since Alertmanager 0.24; use 'time_intervals' (same shape)",
      {
        message: "rename 'mute_time_intervals' to 'time_intervals'",
      },
    );
  }

  const root = config.route;
  if (!root) {
    diag(out, 'missing-field', 'error', 'route', "missing 'route'");
    return out;
  }
  if (!root.receiver)
    diag(out, 'missing-field', 'error', 'route.receiver', 'root route must specify a default receiver');
  if (root.matchers?.length || Object.keys(root.match ?? {}).length || Object.keys(root.match_re ?? {}).length) {
    diag(out, 'root-matchers', 'error', 'route', 'root route must not have any matchers');
  }
  if (root.continue) diag(out, 'root-continue', 'error', 'route.continue', 'root route cannot have continue');
  if (root.mute_time_intervals?.length || root.active_time_intervals?.length)
    diag(out, 'root-time-intervals', 'error', 'route', 'root route must not have mute or active time intervals');

  const walk = (r: Route, path: string): void => {
    if (r.receiver !== undefined && !receivers.has(r.receiver))
      diag(
        out,
        'undefined-receiver',
        'error',
        `${path}.receiver`,
        `undefined receiver ${JSON.stringify(r.receiver)} used in route`,
      );
    checkMatchers(out, r.matchers, `${path}.matchers`);
    if ((r.match || r.match_re) && checkLegacy(out, r.match, r.match_re, path, ['match', 'match_re'])) {
      const replacement = matchersFromLegacy(r.match, r.match_re);
      diag(
        out,
        'deprecated-match',
        'warning',
        `${path}.${r.match ? 'match' : 'match_re'}`,
        "'match'/'match_re' are deprecated since Alertmanager 0.22; use 'matchers'",
        {
          message: `matchers: ${JSON.stringify(replacement)}`,
          replacement: JSON.stringify(replacement),
        },
      );
    }
    if (r.group_by?.includes('...') && r.group_by.length > 1)
      diag(out, 'invalid-group-by', 'error', `${path}.group_by`, "group_by '...' must be the only entry");
    checkDuration(out, r.group_wait, `${path}.group_wait`);
    checkDuration(out, r.group_interval, `${path}.group_interval`, true);
    checkDuration(out, r.repeat_interval, `${path}.repeat_interval`, true);
    for (const key of ['mute_time_intervals', 'active_time_intervals'] as const) {
      (r[key] ?? []).forEach((n, i) => {
        if (!intervals.has(n))
          diag(
            out,
            'undefined-time-interval',
            'error',
            `${path}.${key}[${i}]`,
            `undefined time interval ${JSON.stringify(n)} used in route`,
          );
      });
    }
    (r.routes ?? []).forEach((c, i) => {
      walk(c, `${path}.routes[${i}]`);
    });
  };
  walk(root, 'route');

  (config.inhibit_rules ?? []).forEach((rule: InhibitRule, i) => {
    const p = `inhibit_rules[${i}]`;
    checkMatchers(out, rule.source_matchers, `${p}.source_matchers`);
    checkMatchers(out, rule.target_matchers, `${p}.target_matchers`);
    for (const side of ['source', 'target'] as const) {
      const m = rule[`${side}_match`];
      const mr = rule[`${side}_match_re`];
      if ((m || mr) && checkLegacy(out, m, mr, p, [`${side}_match`, `${side}_match_re`])) {
        const replacement = matchersFromLegacy(m, mr);
        diag(
          out,
          'deprecated-match',
          'warning',
          `${p}.${side}_match${m ? '' : '_re'}`,
          `'${side}_match'/'${side}_match_re' are deprecated; use '${side}_matchers'`,
          {
            message: `${side}_matchers: ${JSON.stringify(replacement)}`,
            replacement: JSON.stringify(replacement),
          },
        );
      }
    }
  });
  return out;
}
