export {
  checkFires,
  checkQuietDuring,
  checkRoutesTo,
  timelineFrom,
  type AssertionOutcome,
  type FireOptions,
  type TimelineSource,
  type Window,
} from './timeline.js';
