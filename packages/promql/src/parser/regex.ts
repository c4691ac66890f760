import { RE2JS } from 're2js';

const cache = new Map<string, RE2JS | Error>();

/**
 * The RE2 program of a regex label matcher value, anchored like Prometheus compiles it
 * (`^(?s:<value>)$`), or the compile error. Results are cached.
 */
export function matcherRegex(value: string): RE2JS | Error {
  let re = cache.get(value);
  if (re === undefined) {
    try {
      re = RE2JS.compile(`^(?s:${value})$`);
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
