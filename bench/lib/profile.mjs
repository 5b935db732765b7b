// Summarises V8 CPU profiles (`node --cpu-prof`): self time per function, across all the
// profiles in a folder (the main thread and each worker thread write their own).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

// Native frames by what they do, so the split between file access and scanning shows.
const FILE_ACCESS = new Set(['lstat', 'stat', 'fstat', 'open', 'openFileHandle', 'read', 'readFileUtf8', 'close', 'readdir', 'opendir', 'realpath', 'readFileSync']);

function categoryOf(fn) {
  if (FILE_ACCESS.has(fn)) return 'file access (fs calls)';
  if (fn.startsWith('RegExp: ')) return 'regular expressions';
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(idle)') return 'idle (waiting on I/O or workers)';
  if (fn === 'decode' || fn === 'toString' || fn === 'utf8Slice') return 'UTF-8 decoding';
  return 'other JavaScript';
}

/**
 * @returns {{totalMs: number, categories: {category: string, selfMs: number, share: number}[],
 *   top: {fn: string, where: string, selfMs: number, share: number}[]}}
 */
export function summariseProfiles(dir, limit = 15) {
  const selfByFunction = new Map();
  const selfByCategory = new Map();
  let totalMs = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const { functionName, url, lineNumber } = nodes.get(id).callFrame;
      const fn = functionName || '(anonymous)';
      const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
      const key = `${fn}\u0000${where}`;
      selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + ms);
      selfByCategory.set(categoryOf(fn), (selfByCategory.get(categoryOf(fn)) ?? 0) + ms);
      totalMs += ms;
    });
  }
  const top = [...selfByFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, selfMs]) => {
      const [fn, where] = key.split('\u0000');
      const shown = fn.length > 72 ? `${fn.slice(0, 69)}...` : fn;
      return { fn: shown, where, selfMs: Math.round(selfMs), share: Math.round((selfMs / totalMs) * 1000) / 10 };
    });
  const categories = [...selfByCategory]
    .sort((a, b) => b[1] - a[1])
    .map(([category, selfMs]) => ({ category, selfMs: Math.round(selfMs), share: Math.round((selfMs / totalMs) * 1000) / 10 }));
  return { totalMs: Math.round(totalMs), categories, top };
}
