/** Reading git objects in bulk: `git cat-file --batch`, one process for any number of blobs. */
import { RuntimeError } from '../errors.js';
import { cannotRunGit, gitFailed, spawnGit } from './run.js';

/** One blob of `streamBlobs`: its bytes, or only its size when it is larger than the limit. */
export type StreamedBlob = { id: string; size: number; bytes: Buffer } | { id: string; size: number; bytes?: undefined };

/**
 * A blob over the limit with more than this left to come is not read through: the process is
 * stopped and a new one asked for the blobs after it. Piping bytes through costs about 4.5 ms a
 * MB here; a new git process a few ms.
 */
const PASS_OVER_BYTES = 2 * 1024 * 1024;

/**
 * Blob contents in the order of `ids` (a repeated id comes again), from `git cat-file --batch`
 * read as it streams: its headers carry the sizes that a `--batch-check` round trip would fetch
 * first. A blob larger than `maxBytes` comes back with its size only: a small one is passed over
 * as it goes by, and for a large one git is stopped and started again after it, so its bytes are
 * never piped through. A blob is read from git only when the consumer asks for it, so memory
 * holds one blob at a time however large the commit is.
 */
export async function* streamBlobs(root: string, ids: readonly string[], maxBytes: number): AsyncGenerator<StreamedBlob> {
  for (let from = 0; from < ids.length; ) from = yield* streamBlobsFrom(root, ids, from, maxBytes);
}

/** Starts git, collecting its stderr; `exited` is its exit code (awaited by the caller, never left unhandled). */
function startGit(args: string[], root: string) {
  const child = spawnGit(args, root);
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(cannotRunGit(error)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  exited.catch(() => undefined); // awaited by the caller
  return { child, exited, stderrText: () => Buffer.concat(stderr).toString('utf8') };
}

/** One `git cat-file --batch` for `ids` from `from` on; returns where the next one starts. */
async function* streamBlobsFrom(root: string, ids: readonly string[], from: number, maxBytes: number): AsyncGenerator<StreamedBlob, number> {
  const wanted = ids.length - from;
  const args = ['cat-file', '--batch'];
  const { child, exited, stderrText } = startGit(args, root);
  child.stdin.on('error', () => {
    // git may exit before reading all input, or be stopped on purpose; its exit code tells why
  });
  child.stdin.end(`${ids.slice(from).join('\n')}\n`);

  let pending = Buffer.alloc(0); // bytes of an unfinished header line
  let blob: { id: string; size: number; bytes?: Buffer; filled: number } | undefined;
  let done = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        if (blob === undefined) {
          const newline = chunk.indexOf(0x0a, at);
          if (newline < 0) {
            pending = Buffer.concat([pending, chunk.subarray(at)]);
            break;
          }
          const header = Buffer.concat([pending, chunk.subarray(at, newline)]).toString('utf8');
          pending = Buffer.alloc(0);
          at = newline + 1;
          const [id, type, size] = header.split(' ');
          if (type === 'missing' || id === undefined || size === undefined) {
            throw new RuntimeError(`git cat-file: object ${id ?? header} is missing from the repository`);
          }
          const length = Number(size);
          if (length > maxBytes && length + 1 - (chunk.length - at) > PASS_OVER_BYTES) {
            done++;
            yield { id, size: length };
            return from + done; // the finally stops this git; the next one starts after this blob
          }
          blob = { id, size: length, filled: 0, ...(length <= maxBytes ? { bytes: Buffer.allocUnsafe(length) } : {}) };
        }
        // the content, then one newline
        const take = Math.min(blob.size + 1 - blob.filled, chunk.length - at);
        if (blob.bytes) {
          const contentEnd = Math.min(at + take, at + blob.size - blob.filled);
          if (contentEnd > at) chunk.copy(blob.bytes, blob.filled, at, contentEnd);
        }
        blob.filled += take;
        at += take;
        if (blob.filled === blob.size + 1) {
          const { id, size, bytes } = blob;
          blob = undefined;
          done++;
          yield bytes ? { id, size, bytes } : { id, size };
        }
      }
    }
    const code = await exited;
    if (code !== 0) throw gitFailed(args, code, stderrText());
    if (done < wanted || blob !== undefined) {
      throw new RuntimeError(`git cat-file --batch stopped after ${done} of ${wanted} objects${stderrText() ? `: ${stderrText().trim()}` : ''}`);
    }
    return ids.length;
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/**
 * One blob's bytes as git pipes them (`git cat-file blob`), a piece at a time: a blob too large
 * to hold whole is scanned as it streams. Stopping early (or an error) stops git; git's exit code
 * is checked at the end.
 */
export async function* blobPieces(root: string, id: string): AsyncGenerator<Buffer> {
  const args = ['cat-file', 'blob', id];
  const { child, exited, stderrText } = startGit(args, root);
  child.stdin.end();
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) yield chunk;
    const code = await exited;
    if (code !== 0) throw gitFailed(args, code, stderrText());
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/**
 * The first `count` bytes of a stream (fewer if it ends first), and the whole stream again:
 * what was read first, then the rest.
 */
export async function peek(pieces: AsyncIterator<Buffer>, count: number): Promise<{ head: Buffer; all: AsyncGenerator<Buffer> }> {
  const read: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < count) {
    const next = await pieces.next();
    if (next.done) {
      done = true;
      break;
    }
    read.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(read).subarray(0, count);
  async function* all(): AsyncGenerator<Buffer> {
    try {
      yield* read.splice(0);
      if (done) return;
      for (let next = await pieces.next(); !next.done; next = await pieces.next()) yield next.value;
    } finally {
      await pieces.return?.(undefined);
    }
  }
  return { head, all: all() };
}
