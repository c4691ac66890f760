/**
 * Progress of a replay on stderr: a bar redrawn in place on a TTY, plain lines otherwise (CI logs).
 */
import type { ReplayProgress } from '../replay/replay.js';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function replayProgressPrinter(
  write: (line: string) => void,
  isTTY: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): (e: ReplayProgress) => void {
  let barShown = false;
  const clearBar = () => {
    if (barShown) {
      stream.write('\r\x1b[2K');
      barShown = false;
    }
  };
  const line = (text: string) => {
    clearBar();
    write(text);
  };
  return (e) => {
    switch (e.kind) {
      case 'generate':
        line(
          `scenario ${e.scenario}: ${e.series} series, ${(e.samples / 1e6).toFixed(2)} M samples generated in ${secs(e.ms)}`,
        );
        break;
      case 'runtime':
        line(
          `runtime ${e.runtime} started in ${secs(e.ms)} (${Object.entries(e.versions)
            .filter(([, v]) => v)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`,
        );
        break;
      case 'baselines':
        line(
          `${e.pack} ${e.phase}: baselines learned from ${new Date(e.from).toISOString()} to ${new Date(e.to).toISOString()}: ${e.details.map((d) => `${d.name} p95=${Number(d.stats.p95 ?? NaN).toPrecision(3)}`).join(', ')}`,
        );
        break;
      case 'run-start': {
        const width = 24;
        const filled = Math.round((e.index / e.total) * width);
        const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${e.index}/${e.total} ${e.pack} ${e.phase}`;
        if (isTTY) {
          clearBar();
          stream.write(text);
          barShown = true;
        } else write(`run ${e.index + 1}/${e.total}: ${e.pack} ${e.phase} ...`);
        break;
      }
      case 'run-done':
        line(
          `run ${e.index + 1}/${e.total}: ${e.pack} ${e.phase}: ${e.alerts} alerts, expectations ${e.expectationsMet}/${e.expectations} met, ${secs(e.ms)}`,
        );
        break;
      case 'log':
        if (process.env.ALERTCRAFT_VERBOSE) line(`  ${e.line}`);
        break;
    }
  };
}
