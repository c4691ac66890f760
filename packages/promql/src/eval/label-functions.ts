/** label_replace() and label_join(): functions that rewrite series labels (Prometheus v2.54.1). */
import { PromQLEvalError } from '../errors.js';
import { isValidLabelName, setLabel } from '../labels.js';
import { compileAnchoredRegex } from '../storage/matchers.js';
import { stringArg, vectorArg } from './function-args.js';
import { checkDistinctLabelsets } from './out-builder.js';
import type { FunctionCall } from './types.js';

/** Go regexp.Expand for `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function expandTemplate(template: string, groups: (string | null)[], named: Record<string, number>): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$' || i === template.length - 1) {
      out += c;
      continue;
    }
    const next = template[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    let end: number;
    if (next === '{') {
      const close = template.indexOf('}', i + 2);
      const candidate = close < 0 ? '' : template.slice(i + 2, close);
      if (close < 0 || !/^[A-Za-z0-9_]+$/.test(candidate)) {
        out += c;
        continue;
      }
      name = candidate;
      end = close;
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (!m) {
        out += c;
        continue;
      }
      name = m[0];
      end = i + name.length;
    }
    let idx: number | undefined;
    if (/^\d+$/.test(name)) idx = Number(name);
    else idx = named[name];
    if (idx !== undefined && idx < groups.length) out += groups[idx] ?? '';
    i = end;
  }
  return out;
}

/** label_replace(v, dst, replacement, src, regex). */
export const funcLabelReplace: FunctionCall = (args) => {
  const dst = stringArg(args, 1);
  const repl = stringArg(args, 2);
  const src = stringArg(args, 3);
  const regexStr = stringArg(args, 4);
  let re;
  try {
    re = compileAnchoredRegex(regexStr, false).program();
  } catch (cause) {
    throw new PromQLEvalError(`invalid regular expression in label_replace(): ${regexStr}`, { cause });
  }
  if (!isValidLabelName(dst)) throw new PromQLEvalError(`invalid destination label name in label_replace(): ${dst}`);
  const named = re.namedGroups();
  const out = vectorArg(args, 0).map((s) => {
    const m = re.matcher(s.labels[src] ?? '');
    if (!m.matches()) return s;
    const groups: (string | null)[] = [];
    for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g));
    return { labels: setLabel(s.labels, dst, expandTemplate(repl, groups, named)), vals: s.vals, has: s.has };
  });
  checkDistinctLabelsets(out);
  return { kind: 'vector', series: out };
};

/** label_join(v, dst, separator, src...). */
export const funcLabelJoin: FunctionCall = (args) => {
  const dst = stringArg(args, 1);
  const sep = stringArg(args, 2);
  const srcs: string[] = [];
  for (let i = 3; i < args.length; i++) srcs.push(stringArg(args, i));
  for (const s of srcs)
    if (!isValidLabelName(s)) throw new PromQLEvalError(`invalid source label name in label_join(): ${s}`);
  if (!isValidLabelName(dst)) throw new PromQLEvalError(`invalid destination label name in label_join(): ${dst}`);
  const out = vectorArg(args, 0).map((s) => ({
    labels: setLabel(s.labels, dst, srcs.map((l) => s.labels[l] ?? '').join(sep)),
    vals: s.vals,
    has: s.has,
  }));
  return { kind: 'vector', series: out };
};
