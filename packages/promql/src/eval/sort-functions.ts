/** sort(), sort_desc(), sort_by_label(), sort_by_label_desc() (Prometheus v2.54.1); they only order instant queries. */
import { stringArg, vectorArg } from './function-args.js';
import type { FunctionCall, StepSeries } from './types.js';

/** Natural order of label values: digit runs compare as numbers. */
function natCompare(a: string, b: string): number {
  const ca = a.match(/(\d+|\D+)/g) ?? [];
  const cb = b.match(/(\d+|\D+)/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = Number(x);
      const ny = Number(y);
      if (nx !== ny) return nx < ny ? -1 : 1;
      return x < y ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

function sortByValue(series: StepSeries[], desc: boolean): StepSeries[] {
  // Only meaningful for instant queries (one step); Prometheus puts NaN last.
  const key = (s: StepSeries) => s.vals[0]!;
  return series.slice().sort((a, b) => {
    const va = key(a);
    const vb = key(b);
    if (Number.isNaN(va)) return Number.isNaN(vb) ? 0 : 1;
    if (Number.isNaN(vb)) return -1;
    return desc ? vb - va : va - vb;
  });
}

function byValue(desc: boolean): FunctionCall {
  return (args, _ast, fc) => {
    const series = vectorArg(args, 0);
    return { kind: 'vector', series: fc.times.length === 1 ? sortByValue(series, desc) : series };
  };
}

function byLabel(desc: boolean): FunctionCall {
  return (args, _ast, fc) => {
    const series = vectorArg(args, 0);
    const names: string[] = [];
    for (let i = 1; i < args.length; i++) names.push(stringArg(args, i));
    if (fc.times.length !== 1) return { kind: 'vector', series };
    const sorted = sortByValue(series, desc);
    sorted.sort((a, b) => {
      for (const l of names) {
        const x = a.labels[l] ?? '';
        const y = b.labels[l] ?? '';
        if (x === y) continue;
        const c = natCompare(x, y) < 0 ? -1 : 1;
        return desc ? -c : c;
      }
      return 0;
    });
    return { kind: 'vector', series: sorted };
  };
}

export const funcSort = byValue(false);
export const funcSortDesc = byValue(true);
export const funcSortByLabel = byLabel(false);
export const funcSortByLabelDesc = byLabel(true);
