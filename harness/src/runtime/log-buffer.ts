/** Keeps the last `maxLines` lines written to it (stdout and stderr of a process, interleaved). */
export class LogBuffer {
  private readonly lines: string[] = [];
  private partial = '';
  constructor(private readonly maxLines = 200) {}

  write(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.push(line);
  }

  private push(line: string): void {
    this.lines.push(line.replace(/\r$/, ''));
    if (this.lines.length > this.maxLines) this.lines.shift();
  }

  /** The last `n` lines (default all kept), including an unterminated last line. */
  tail(n = this.maxLines): string {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all.slice(-n).join('\n');
  }
}
