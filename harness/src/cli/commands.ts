import type { Command } from './command.js';
import { testCommand } from './commands/test.js';
import { promqltestCommand } from './commands/promqltest.js';
import { packsCommand } from './commands/packs.js';
import { emitCommand } from './commands/emit.js';
import { lintCommand } from './commands/lint.js';
import { replayCommand } from './commands/replay.js';

/**
 * Every `alertcraft` command, in `--help` order. Each lives in `commands/<name>.ts`; add one by
 * appending an import and an entry here.
 */
export const commands: Command[] = [
  testCommand,
  promqltestCommand,
  packsCommand,
  emitCommand,
  lintCommand,
  replayCommand,
];
