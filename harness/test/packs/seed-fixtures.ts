/**
 * The seeds' original rule text (the lint engineer's fixtures under
 * packages/rule-dsl/test/fixtures/seeds/, copied from the seed documents), with the Helm
 * placeholders of seed 000 (`{{ .Values.baselines.error_rate.p95 * 1.5 }}`) rendered from given
 * values, as `helm --set-file alertRules.baselines=week1-baselines.json` would.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEED_FIXTURES = fileURLToPath(new URL('../../../packages/rule-dsl/test/fixtures/seeds/', import.meta.url));

/** Replaces `{{ .Values.a.b.c * 1.5 * 60 }}` with the product, reading `.Values` from `values`. */
export function renderHelm(text: string, values: Record<string, unknown>): string {
  return text.replace(
    /\{\{\s*\.Values\.([\w.]+)((?:\s*\*\s*[\d.]+)*)\s*\}\}/g,
    (whole, path: string, factors: string) => {
      let v: unknown = values;
      for (const part of path.split('.'))
        v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
      if (typeof v !== 'number') throw new Error(`fixture placeholder ${whole}: no value at ${path}`);
      let n = v;
      for (const f of factors.match(/[\d.]+/g) ?? []) n *= Number(f);
      return String(n);
    },
  );
}

/** A seed fixture's text, Helm placeholders rendered from `values` (`{ baselines, capacity, ... }`). */
export function seedFixture(name: string, values: Record<string, unknown> = {}): string {
  return renderHelm(readFileSync(SEED_FIXTURES + name, 'utf8'), values);
}
