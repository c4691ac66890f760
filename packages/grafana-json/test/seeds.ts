/** Test material from ../shared/seeds, read at test time (never copied into the repo). */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SEEDS_DIR = join(here, '../../../../shared/seeds');

export function seedText(prefix: string): string {
  const name = readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`no seed ${prefix} in ${SEEDS_DIR}`);
  return readFileSync(join(SEEDS_DIR, name), 'utf8');
}

/** Every ```json block of a seed that parses as JSON and has a title, by title. */
export function seedJsonBlocks(prefix: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const m of seedText(prefix).matchAll(/```json\n([\s\S]*?)\n```/g)) {
    const v = JSON.parse(m[1]) as Record<string, unknown>;
    if (typeof v.title === 'string') out.set(v.title, v);
  }
  return out;
}

export const FIXTURES_DIR = join(here, 'fixtures');

export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, path), 'utf8'));
}
