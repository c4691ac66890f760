export { TimelineReadError } from './errors.js';
export { readLedgerTimeline, timelineFromLedger } from './ledger-timeline.js';
export { readPrometheusTimeline, type PrometheusTimelineOptions } from './prometheus-timeline.js';
export { readTimelines, type TimelineSourceSpec } from './read-timelines.js';
