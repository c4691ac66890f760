// @alertcraft/harness/vitest: alert-timeline matchers for vitest (toFire, toFireDuring, toRouteTo).
export {};
