import { RE2JS } from 're2js';

const cache = new Map<string, RE2JS | Error>();

/**
 * The RE2 program of a regex label matcher value, anchored like Prometheus v2.54.1 compiles it
 * (`^(?:<value>)$`; `.` does not match a newline before v3), or the error of parsing the value
 * itself (so messages quote the user's pattern, as Prometheus's do). Results are cached.
 */
export function matcherRegex(value: string): RE2JS | Error {
  let re = cache.get(value);
  if (re === undefined) {
    try {
      RE2JS.compile(value);
      re = RE2JS.compile(`^(?:${value})$`);
    } catch (err) {
      re = err instanceof Error ? err : new Error(String(err));
    }
    if (cache.size >= 10_000) cache.clear();
    cache.set(value, re);
  }
  return re;
}

/** Empty the cache (for benchmarks that measure cold compilation). */
export function clearMatcherRegexCache(): void {
  cache.clear();
}
