import type { Command } from './command.js';

/** A command by name, loaded on demand so that `alertcraft lint` does not load the replay harness. */
export interface CommandEntry {
  name: string;
  load: () => Promise<Command>;
}

/**
 * Every `alertcraft` command, in `--help` order. Each lives in `commands/<name>.ts`; add one by
 * appending an entry here.
 */
export const commands: CommandEntry[] = [
  { name: 'test', load: async () => (await import('./commands/test.js')).testCommand },
  { name: 'promqltest', load: async () => (await import('./commands/promqltest.js')).promqltestCommand },
  { name: 'packs', load: async () => (await import('./commands/packs.js')).packsCommand },
  { name: 'emit', load: async () => (await import('./commands/emit.js')).emitCommand },
  { name: 'lint', load: async () => (await import('./commands/lint.js')).lintCommand },
  { name: 'replay', load: async () => (await import('./commands/replay.js')).replayCommand },
  { name: 'ledger', load: async () => (await import('./commands/ledger.js')).ledgerCommand },
  { name: 'slo', load: async () => (await import('./commands/slo.js')).sloCommand },
  { name: 'devdiag', load: async () => (await import('./commands/devdiag.js')).devdiagCommand },
  { name: 'am', load: async () => (await import('./commands/am.js')).amCommand },
  { name: 'grafana', load: async () => (await import('./commands/grafana.js')).grafanaCommand },
  { name: 'calibrate', load: async () => (await import('./commands/calibrate.js')).calibrateCommand },
  { name: 'backtest', load: async () => (await import('./commands/backtest.js')).backtestCommand },
  { name: 'noise', load: async () => (await import('./commands/noise.js')).noiseCommand },
];
