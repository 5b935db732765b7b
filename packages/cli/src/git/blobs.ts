/** Reading git objects in bulk: one `git cat-file --batch` process for any number of blobs. */
import { RuntimeError } from '../errors.js';
import { cannotRunGit, gitFailed, spawnGit } from './run.js';

/** One blob of `streamBlobs`: its bytes, or only its size when it is larger than the limit. */
export type StreamedBlob = { id: string; size: number; bytes: Buffer } | { id: string; size: number; bytes?: undefined };

/**
 * Blob contents in the order of `ids` (a repeated id comes again), from one `git cat-file --batch`
 * read as it streams: a blob larger than `maxBytes` is passed over as it goes by and comes back
 * with its size only, and a blob is read from git only when the consumer asks for it, so memory
 * holds one blob at a time however large the commit is. One process: its headers carry the sizes
 * that a `--batch-check` round trip would fetch first.
 */
export async function* streamBlobs(root: string, ids: readonly string[], maxBytes: number): AsyncGenerator<StreamedBlob> {
  if (ids.length === 0) return;
  const args = ['cat-file', '--batch'];
  const child = spawnGit(args, root);
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(cannotRunGit(error)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  exited.catch(() => undefined); // awaited below
  child.stdin.on('error', () => {
    // git may exit before reading all input; its exit code and stderr tell why
  });
  child.stdin.end(`${ids.join('\n')}\n`);

  const stderrText = () => Buffer.concat(stderr).toString('utf8');

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
    if (done < ids.length || blob !== undefined) {
      throw new RuntimeError(`git cat-file --batch stopped after ${done} of ${ids.length} objects${stderrText() ? `: ${stderrText().trim()}` : ''}`);
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
}
