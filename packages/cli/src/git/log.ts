/**
 * `git log -p` over a range, streamed: the arguments that give `PatchParser` its format, and the
 * units it parses, read as git writes them with bounded memory. Why these arguments:
 * docs/decisions.md, "History scans: the git log format".
 */
import { RuntimeError } from '../errors.js';
import { COMMIT_MARK, LineSplitter, PatchParser, type BlockChunking, type PatchUnit } from './diff.js';
import type { HistoryRange } from './range.js';
import { cannotRunGit, gitSync, PINNED_CONFIG, PLAIN_DIFF_FLAGS, spawnGit } from './run.js';

/**
 * Unchanged lines git shows around each change (`-U<n>`), scanned as context; see docs/decisions.md for why 5.
 */
export const CONTEXT_LINES = 5;

/** `git log` arguments that produce the stream `PatchParser` reads. */
export function gitLogArgs(range: string[]): string[] {
  return [
    ...PINNED_CONFIG,
    'log', '-p', `-U${CONTEXT_LINES}`, '--inter-hunk-context=0', '--cc', '-M', '--root',
    ...PLAIN_DIFF_FLAGS, '--no-relative', '--no-mailmap',
    '--src-prefix=a/', '--dst-prefix=b/',
    `--format=format:${COMMIT_MARK}%H %aI`,
    ...range, '--',
  ];
}

export interface PatchStream {
  units: AsyncGenerator<PatchUnit>;
  parser: PatchParser;
}

/**
 * Starts `git log` over the range and yields its units as they are parsed. The stream is
 * pulled: when the consumer stops pulling (a full scan queue), git's stdout is not read and git
 * blocks on the pipe, so memory stays bounded whatever the history's size.
 */
export function streamPatches(range: HistoryRange, maxUnitBytes: number, commits?: readonly string[], chunking?: BlockChunking): PatchStream {
  const parser = new PatchParser(maxUnitBytes, chunking);
  async function* units(): AsyncGenerator<PatchUnit> {
    if (commits === undefined ? range.revisions.length === 0 : commits.length === 0) return;
    // A chunk of a worker-thread scan: exactly these commits, in this order, from stdin.
    const revisions = commits === undefined ? range.revisions : ['--no-walk=unsorted', '--stdin'];
    const child = spawnGit(gitLogArgs(revisions), range.root);
    child.stdin.on('error', () => {
      // git may exit before reading its input (it then reports why through its exit code).
    });
    child.stdin.end(commits === undefined ? '' : `${commits.join('\n')}\n`);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    const exited = new Promise<number>((resolve, reject) => {
      child.on('error', (error) => reject(cannotRunGit(error)));
      child.on('close', (code) => resolve(code ?? 1));
    });
    let finished = false;
    try {
      const lines = new LineSplitter();
      // Parse a whole chunk synchronously, then hand its units over: per-line awaits would
      // cost more than the parsing itself.
      const parse = (text: string[]): PatchUnit[] => {
        const ready: PatchUnit[] = [];
        for (const line of text) {
          const units = parser.push(line);
          if (units.length > 0) ready.push(...units);
        }
        return ready;
      };
      for await (const chunk of readAhead(child.stdout, READ_AHEAD_BYTES)) {
        for (const unit of parse(lines.push(chunk))) yield unit;
      }
      for (const unit of [...parse(lines.end()), ...parser.end()]) yield unit;
      finished = true;
    } finally {
      if (!finished) child.kill();
    }
    const code = await exited;
    if (code !== 0) throw new RuntimeError(`git log over ${range.label} failed (exit ${code}): ${stderr.trim()}`);
  }
  return { units: units(), parser };
}

/** How far git may run ahead of the scan (a pipe alone holds 64 KB, so git would wait on every scan). */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * Reads a stream in flowing mode into a queue of at most `limit` bytes, pausing the stream
 * (and so the writer, through the pipe) beyond it: the producer keeps working while the
 * consumer is busy, and memory stays bounded.
 */
export async function* readAhead(stream: NodeJS.ReadableStream, limit: number): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  stream.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= limit) stream.pause();
    notify();
  });
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('error', (error: Error) => {
    failure = error;
    notify();
  });
  for (;;) {
    const chunk = queue.shift();
    if (chunk) {
      queued -= chunk.length;
      if (queued < limit / 2 && stream.isPaused()) stream.resume();
      yield chunk;
      continue;
    }
    if (failure) throw failure;
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

/** Author dates of commits, from one `git log --no-walk`. */
export function readAuthorDates(cwd: string, commits: string[]): Map<string, string> {
  const result = gitSync(cwd, ['log', '--no-walk=unsorted', '--stdin', '--format=%H %aI'], `${commits.join('\n')}\n`);
  const dates = new Map<string, string>();
  if (result.code !== 0) return dates;
  for (const line of result.stdout.split('\n')) {
    const [commit, date] = line.split(' ');
    if (commit && date) dates.set(commit, date);
  }
  return dates;
}
