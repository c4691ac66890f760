import { isMap, isScalar, type Node } from 'yaml';
import type { RuleDslDiagnostic } from '../diagnostics.js';
import { LoadError } from '../errors.js';
import { convert, parseWithPositions, type Shape } from '../load/yaml-shape.js';
import type { AlertmanagerConfig } from './config.js';
import { validateAlertmanagerConfig } from './validate.js';

const strList: Shape = { kind: 'list', of: { kind: 'string' } };
const strMap: Shape = { kind: 'stringMap' };

const routeShape: Shape = {
  kind: 'object',
  fields: {
    receiver: { kind: 'string' },
    group_by: strList,
    continue: { kind: 'bool' },
    matchers: strList,
    match: strMap,
    match_re: strMap,
    group_wait: { kind: 'duration' },
    group_interval: { kind: 'duration' },
    repeat_interval: { kind: 'duration' },
    mute_time_intervals: strList,
    active_time_intervals: strList,
    routes: { kind: 'any' }, // replaced below (recursive)
  },
};
(routeShape as { fields: Record<string, Shape> }).fields.routes = { kind: 'list', of: routeShape };

const integration: Shape = {
  kind: 'list',
  of: { kind: 'object', fields: { send_resolved: { kind: 'bool' } }, open: true },
};

const timeIntervalSet: Shape = {
  kind: 'list',
  of: {
    kind: 'object',
    fields: {
      name: { kind: 'string', nonEmpty: true },
      time_intervals: {
        kind: 'list',
        of: {
          kind: 'object',
          fields: {
            times: {
              kind: 'list',
              of: {
                kind: 'object',
                fields: { start_time: { kind: 'string' }, end_time: { kind: 'string' } },
                required: ['start_time', 'end_time'],
              },
            },
            weekdays: strList,
            days_of_month: strList,
            months: strList,
            years: strList,
            location: { kind: 'string' },
          },
        },
      },
    },
    required: ['name', 'time_intervals'],
  },
};

const configShape: Shape = {
  kind: 'object',
  fields: {
    global: { kind: 'object', fields: { resolve_timeout: { kind: 'duration' } }, open: true },
    templates: strList,
    route: routeShape,
    receivers: {
      kind: 'list',
      of: {
        kind: 'object',
        fields: {
          name: { kind: 'string', nonEmpty: true },
          webhook_configs: integration,
          pagerduty_configs: integration,
          slack_configs: integration,
          email_configs: integration,
        },
        open: true,
        required: ['name'],
      },
    },
    inhibit_rules: {
      kind: 'list',
      of: {
        kind: 'object',
        fields: {
          source_matchers: strList,
          target_matchers: strList,
          equal: strList,
          source_match: strMap,
          source_match_re: strMap,
          target_match: strMap,
          target_match_re: strMap,
        },
      },
    },
    time_intervals: timeIntervalSet,
    mute_time_intervals: timeIntervalSet,
  },
  required: ['route'],
};

export interface ParsedAlertmanagerConfig {
  value?: AlertmanagerConfig;
  /** Shape problems, then `validateAlertmanagerConfig` findings (with positions where the path exists). */
  diagnostics: RuleDslDiagnostic[];
}

function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** Parse alertmanager.yml into the typed config without throwing. */
export function parseAlertmanagerConfig(text: string): ParsedAlertmanagerConfig {
  const { doc, ctx } = parseWithPositions(text, 'load');
  if (ctx.diagnostics.length) return { diagnostics: ctx.diagnostics };
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) {
    return {
      diagnostics: [
        {
          code: 'load/missing-field',
          severity: 'error',
          message: "empty Alertmanager config: missing 'route' and 'receivers'",
          path: '',
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const value = convert(ctx, root, configShape, '') as AlertmanagerConfig | undefined;
  if (!value || ctx.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: ctx.diagnostics };
  if (!value.receivers) value.receivers = [];
  for (const d of validateAlertmanagerConfig(value)) {
    const segs = pathSegments(d.path);
    // A scalar is reported at its value (`receiver: 'default'`); a collection at its key (`match:`).
    const parent =
      segs.length && typeof segs[segs.length - 1] === 'string'
        ? (doc.getIn(segs.slice(0, -1), true) as Node | undefined)
        : undefined;
    const pair =
      parent && isMap(parent)
        ? parent.items.find((it) => isScalar(it.key) && it.key.value === segs[segs.length - 1])
        : undefined;
    const node = pair
      ? ((isScalar(pair.value) ? pair.value : pair.key) as Node)
      : isMap(root)
        ? (doc.getIn(segs, true) as Node | undefined)
        : undefined;
    const start = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
    if (start !== undefined) {
      const { line, col } = ctx.lines.linePos(start);
      ctx.diagnostics.push({ ...d, line, column: col });
    } else ctx.diagnostics.push(d);
  }
  const errors = ctx.diagnostics.some((d) => d.severity === 'error');
  return errors ? { diagnostics: ctx.diagnostics } : { value, diagnostics: ctx.diagnostics };
}

/** Load alertmanager.yml into the typed config; throws `LoadError` (file:line:col: path: message) on any error. */
export function loadAlertmanagerConfig(text: string, opts: { file?: string } = {}): AlertmanagerConfig {
  const parsed = parseAlertmanagerConfig(text);
  if (!parsed.value)
    throw new LoadError(
      opts.file ?? '<input>',
      parsed.diagnostics.filter((d) => d.severity === 'error'),
    );
  return parsed.value;
}
