import type { Command } from './command.js';
import { testCommand } from './commands/test.js';
import { promqltestCommand } from './commands/promqltest.js';

/**
 * Every `alertcraft` command, in `--help` order. Each lives in `commands/<name>.ts`; add one by
 * appending an import and an entry here.
 */
export const commands: Command[] = [
  testCommand,
  promqltestCommand,
];
