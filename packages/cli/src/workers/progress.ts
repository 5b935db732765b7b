/**
 * A one-line progress indicator on stderr for long scans. Only on a terminal, and never in CI
 * (the `CI` variable), where carriage-return updates would flood the log.
 */
export interface ProgressLine {
  update(text: string): void;
  done(): void;
}

const silent: ProgressLine = { update: () => {}, done: () => {} };

export function progressEnabled(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return stream.isTTY === true && !ci;
}

/** Redraws at most every `intervalMs`; `done` clears the line so the report starts clean. */
export function createProgressLine(stream: NodeJS.WriteStream = process.stderr, intervalMs = 100): ProgressLine {
  if (!progressEnabled(stream)) return silent;
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      shown = true;
      stream.write(`\r\u001b[2K${text}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
