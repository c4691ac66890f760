// The documentation embeds examples/simulate.ts; this runs it.
import { expect, it } from 'vitest';
import { pagerTimeline } from '../examples/simulate.js';

it('simulate: the warning twin is inhibited; the pager gets firing after group_wait and resolved at the next group_interval', () => {
  // Fired at 0 and resolved at 12 min; flushes at 30 s, 5m30s, 10m30s, 15m30s (= 930 s).
  expect(pagerTimeline()).toEqual(['+30s pager critical:firing', '+930s pager critical:resolved']);
});
