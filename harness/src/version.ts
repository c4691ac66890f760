/**
 * The harness's own version (the `alertcraft` tool version), read from its package.json. The same
 * code runs from `src/` (tests, tsx), `dist/` (the library) and `dist/cli/` (the bundled CLI), so it
 * walks up from this file to the first package.json named `@alertcraft/harness`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** `0.3.1`, or `0.0.0-unknown` when no harness package.json is found (a copied bundle). */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@alertcraft/harness' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // no package.json at this level: keep walking up
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (cached = '0.0.0-unknown');
}
