/** Which component drove a change between two evaluations of one score. */
import type { ScoreResult } from './compute.js';

export interface ComponentChange {
  name: string;
  scoreBefore: number | null;
  scoreAfter: number | null;
  /** Change of the component's contribution to the score (score points). */
  delta: number;
}

export interface ScoreChange {
  before: number | null;
  after: number | null;
  delta: number | null;
  /** The component whose contribution changed most (null when nothing changed). */
  driver: string | null;
  /** Every component, largest |delta| first. */
  components: ComponentChange[];
  coverageBefore: number;
  coverageAfter: number;
  /** Components missing after but present before (and the reverse). */
  becameMissing: string[];
  becamePresent: string[];
  /** One line: `health 86.0 → 62.0 (−24.0): driven by cache 0.90 → 0.30 (−24.0)`. */
  text: string;
}

const fmt = (v: number | null, digits = 1) => (v === null ? 'none' : v.toFixed(digits));
const signed = (v: number) => `${v < 0 ? '−' : '+'}${Math.abs(v).toFixed(1)}`;

/** Explains the change from `before` to `after` (two results of the same spec). */
export function explainChange(before: ScoreResult, after: ScoreResult): ScoreChange {
  const components = after.components.map((a) => {
    const b = before.components.find((x) => x.name === a.name);
    return {
      name: a.name,
      scoreBefore: b?.score ?? null,
      scoreAfter: a.score,
      delta: a.contribution - (b?.contribution ?? 0),
    };
  });
  components.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.name.localeCompare(y.name));
  const top = components[0];
  const driver = top && top.delta !== 0 ? top.name : null;
  const delta = before.value !== null && after.value !== null ? after.value - before.value : null;
  const becameMissing = after.missing.filter((m) => !before.missing.includes(m));
  const becamePresent = before.missing.filter((m) => !after.missing.includes(m));
  let text = `${after.name} ${fmt(before.value)} → ${fmt(after.value)}${delta === null ? '' : ` (${signed(delta)})`}`;
  if (driver && top)
    text += `: driven by ${driver} ${fmt(top.scoreBefore, 2)} → ${fmt(top.scoreAfter, 2)} (${signed(top.delta)})`;
  else text += ': no component changed';
  if (becameMissing.length) text += `; now missing: ${becameMissing.join(', ')} (coverage ${fmt(after.coverage, 2)})`;
  if (becamePresent.length) text += `; back: ${becamePresent.join(', ')}`;
  return {
    before: before.value,
    after: after.value,
    delta,
    driver,
    components,
    coverageBefore: before.coverage,
    coverageAfter: after.coverage,
    becameMissing,
    becamePresent,
    text,
  };
}
