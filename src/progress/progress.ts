// A dependency-free progress bar for long CLI work (seed, import, runs).
// Draws on stderr when it is a terminal; otherwise prints a line every ~10%
// so CI logs show progress without flooding.

export interface Progress {
  tick(n?: number): void;
  setTotal(total: number): void;
  done(message?: string): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let current = 0;
  let lastDraw = 0;
  let lastDecile = -1;
  const started = Date.now();
  const tty = Boolean(stream.isTTY) && process.env.CI !== 'true';

  const render = (final = false) => {
    const now = Date.now();
    if (!final && tty && now - lastDraw < 80) return;
    lastDraw = now;
    const pct = total > 0 ? Math.min(1, current / total) : 1;
    const secs = (now - started) / 1000;
    const rate = secs > 0 ? Math.round(current / secs) : 0;
    if (tty) {
      const width = 30;
      const filled = Math.round(pct * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(pct * 100).toFixed(0).padStart(3)}% ${current}/${total} ${rate}/s`,
      );
      if (final) stream.write('\n');
    } else {
      const decile = Math.floor(pct * 10);
      if (decile !== lastDecile || final) {
        lastDecile = decile;
        stream.write(`${label}: ${(pct * 100).toFixed(0)}% (${current}/${total}, ${rate}/s)\n`);
      }
    }
  };

  return {
    tick(n = 1) {
      current += n;
      render();
    },
    setTotal(t) {
      total = t;
      render();
    },
    done(message) {
      render(true);
      if (message) stream.write(`${message}\n`);
    },
  };
}
