/**
 * One line that shows how far a long step is. On a terminal it is redrawn in place; otherwise
 * (a pipe, a log file, a test) a new line is written when the text changes, at most once a second.
 */
export class ProgressLine {
  private last = '';
  private lastWrittenAt = 0;
  private pending?: string;
  private readonly interactive: boolean;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {
    this.interactive = Boolean(out.isTTY);
  }

  update(text: string): void {
    if (text === this.last) return;
    if (this.interactive) {
      this.out.write(`\r\x1b[K${text}`);
      this.last = text;
      return;
    }
    if (Date.now() - this.lastWrittenAt < 1_000) {
      this.pending = text;
      return;
    }
    this.writeLine(text);
  }

  /** Writes the final state and ends the line, so ordinary output can follow. */
  done(text: string): void {
    if (this.interactive) this.out.write(`\r\x1b[K${text}\n`);
    else if (text !== this.last || this.pending) this.writeLine(text);
    this.last = '';
    this.pending = undefined;
  }

  /** Ends the line in place before other output is printed under it. */
  interrupt(): void {
    if (this.interactive && this.last) this.out.write('\n');
    else if (this.pending) this.writeLine(this.pending);
    this.last = '';
  }

  private writeLine(text: string): void {
    this.out.write(`${text}\n`);
    this.last = text;
    this.lastWrittenAt = Date.now();
    this.pending = undefined;
  }
}

export function percent(done: number, total: number): string {
  return total === 0 ? '100%' : `${Math.min(100, Math.floor((done / total) * 100))}%`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}
