// A progress line for long CLI work (imports, exports): redrawn in place on a terminal, a plain line
// every few seconds otherwise (logs, CI), so the output stays readable in both.

export interface ProgressLine {
  update(done: number, total: number, detail: string): void;
  finish(detail: string): void;
}

export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr, plainEveryMs = 2000): ProgressLine {
  const tty = stream.isTTY === true;
  const started = Date.now();
  let lastPlain = started;
  const bar = (fraction: number) => {
    const width = 24;
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
  };
  const render = (done: number, total: number, detail: string) => {
    const fraction = total > 0 ? done / total : 0;
    return `${label} ${bar(fraction)} ${Math.floor(fraction * 100)
      .toString()
      .padStart(3)}% ${detail}`;
  };
  return {
    update(done, total, detail) {
      if (tty) {
        stream.write(`\r${render(done, total, detail)}\x1b[K`);
      } else if (Date.now() - lastPlain >= plainEveryMs) {
        lastPlain = Date.now();
        stream.write(`${render(done, total, detail)}\n`);
      }
    },
    finish(detail) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`${tty ? "\r" : ""}${label} ${bar(1)} 100% ${detail} (${seconds} s)${tty ? "\x1b[K" : ""}\n`);
    },
  };
}
