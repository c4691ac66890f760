/**
 * The time macros of Grafana's SQL datasources (Postgres flavour) as Grafana expands them before a
 * query runs: `$__timeFilter(col)` → `col BETWEEN '<from>' AND '<to>'`, `$__timeFrom()` /
 * `$__timeTo()` → the quoted RFC 3339 instant (whole seconds, UTC), `$__unixEpochFrom()` /
 * `$__unixEpochTo()` → epoch seconds, `$__unixEpochFilter(col)` → `col >= <from> AND col <= <to>`.
 * An alert rule's query gets the range from its `relativeTimeRange` and the evaluation time, which
 * is what lets an alert query be evaluated at any instant (a `now()` in SQL cannot).
 */
import { GrafanaJsonError } from '../errors.js';

export interface TimeRangeMs {
  fromMs: number;
  toMs: number;
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const KNOWN = new Set(['timeFilter', 'timeFrom', 'timeTo', 'unixEpochFrom', 'unixEpochTo', 'unixEpochFilter']);

/** Expands the time macros; any other `$__name(` macro is an error naming it (Grafana's "undefined macro"). */
export function expandSqlMacros(sql: string, range: TimeRangeMs, path = '$.rawSql'): string {
  const from = rfc3339(range.fromMs);
  const to = rfc3339(range.toMs);
  const fromS = Math.floor(range.fromMs / 1000);
  const toS = Math.floor(range.toMs / 1000);
  return sql.replace(/\$__(\w+)\(([^)]*)\)/g, (whole, name: string, arg: string) => {
    const col = arg.trim();
    if (!KNOWN.has(name)) {
      throw new GrafanaJsonError('grafana/sql-macro', path, `undefined macro $__${name} in ${JSON.stringify(whole)}`);
    }
    if ((name === 'timeFilter' || name === 'unixEpochFilter') && col === '') {
      throw new GrafanaJsonError('grafana/sql-macro', path, `$__${name} needs a column name: ${JSON.stringify(whole)}`);
    }
    switch (name) {
      case 'timeFilter':
        return `${col} BETWEEN '${from}' AND '${to}'`;
      case 'timeFrom':
        return `'${from}'`;
      case 'timeTo':
        return `'${to}'`;
      case 'unixEpochFrom':
        return String(fromS);
      case 'unixEpochTo':
        return String(toS);
      default:
        return `${col} >= ${fromS} AND ${col} <= ${toS}`;
    }
  });
}
