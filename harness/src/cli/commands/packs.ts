/**
 * `alertcraft packs`: lists the seed rule packs, their phases, and how many alerting and
 * recording rules each phase renders to.
 */
import { packSummary, seedPacks } from '../../pack-registry/registry.js';
import { flagString, parseFlags, UsageError, type Command } from '../command.js';
import { formatFlag } from '../pack-flags.js';

export const packsCommand: Command = {
  name: 'packs',
  summary: 'List the seed rule packs, their phases and rule counts',
  help: [
    'Usage: alertcraft packs [--format text|json]',
    '',
    'Lists the seed rule packs shipped with alertcraft (harness/packs/), each with its launch',
    'phases (days since launch) and the number of alerting and recording rules each phase renders',
    "to with the pack's example baselines.",
    '',
    'Options:',
    '  --format text|json   output format (default text)',
    '',
    'Exit codes: 0 listed, 2 bad usage.',
  ].join('\n'),
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['format'] });
    if (parsed.positionals.length) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    const format = formatFlag(flagString(parsed, 'format'), ['text', 'json'] as const, 'text');
    const summaries = seedPacks.map(packSummary);
    if (format === 'json') {
      io.stdout(JSON.stringify(summaries, null, 2));
      return 0;
    }
    for (const s of summaries) {
      io.stdout(`${s.name}  ${s.description}`);
      const width = Math.max(...s.phases.map((p) => p.id.length));
      for (const p of s.phases) {
        const days = p.days[0] === p.days[1] ? `day ${p.days[0]}` : `days ${p.days[0]}-${p.days[1]}`;
        const counts = `${p.alerts} alert${p.alerts === 1 ? '' : 's'}, ${p.records} recording rule${p.records === 1 ? '' : 's'}`;
        io.stdout(`  ${p.id.padEnd(width)}  ${days.padEnd(10)}  ${counts}${p.title ? `  (${p.title})` : ''}`);
      }
    }
    return 0;
  },
};
