/** Reading git objects in bulk: one `git cat-file` process for any number of blobs. */
import { RuntimeError } from '../errors.js';
import { git } from './run.js';

/** Blob sizes by id, from `git cat-file --batch-check` (no content read). */
export async function readBlobSizes(root: string, ids: string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return sizes;
  const { stdout } = await git(['cat-file', '--batch-check'], { cwd: root, input: `${unique.join('\n')}\n` });
  for (const line of stdout.toString('utf8').split('\n')) {
    const [id, type, size] = line.split(' ');
    if (id && type === 'blob' && size !== undefined) sizes.set(id, Number(size));
  }
  return sizes;
}

/** Blob contents by id, from one `git cat-file --batch`. */
export async function readBlobs(root: string, ids: string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return blobs;
  const { stdout } = await git(['cat-file', '--batch'], { cwd: root, input: `${unique.join('\n')}\n` });
  let offset = 0;
  while (offset < stdout.length) {
    const headerEnd = stdout.indexOf(0x0a, offset);
    if (headerEnd < 0) break;
    const header = stdout.toString('utf8', offset, headerEnd);
    const [id, type, size] = header.split(' ');
    if (type === 'missing' || id === undefined || size === undefined) {
      throw new RuntimeError(`git cat-file: object ${id ?? header} is missing from the repository`);
    }
    const start = headerEnd + 1;
    const end = start + Number(size);
    blobs.set(id, stdout.subarray(start, end));
    offset = end + 1; // content is followed by a newline
  }
  return blobs;
}
