#!/usr/bin/env node
// Generates the API reference (docs/api/, markdown) from the packages' TSDoc with TypeDoc,
// before VitePress builds the site. The output is not committed.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('docs/api', { recursive: true, force: true });
const r = spawnSync('pnpm', ['exec', 'typedoc', '--options', 'typedoc.json'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
