/**
 * Which lines a diff adds: parses `git diff -U0` output into new-side line numbers per path.
 * Paths come from the `+++ b/<path>` lines (C-quoted by git when they hold quotes, backslashes or
 * control characters such as newlines). Hunk bodies are skipped by count, so a content line that
 * happens to start with `+++ ` or `diff --git` is never mistaken for a header.
 */

export function addedLinesByPath(patch: Buffer): Map<string, Set<number>> {
  const added = new Map<string, Set<number>>();
  const text = patch.toString('utf8');
  let current: Set<number> | undefined;
  let position = 0;
  const nextLine = (): string | undefined => {
    if (position >= text.length) return undefined;
    const end = text.indexOf('\n', position);
    const line = end < 0 ? text.slice(position) : text.slice(position, end);
    position = end < 0 ? text.length : end + 1;
    return line;
  };
  for (let line = nextLine(); line !== undefined; line = nextLine()) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
    } else if (line.startsWith('+++ ')) {
      const path = parseDiffPath(line.slice(4));
      if (path === undefined) {
        current = undefined;
      } else {
        current = added.get(path) ?? new Set();
        added.set(path, current);
      }
    } else if (line.startsWith('@@ ')) {
      const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!hunk) continue;
      let removedCount = hunk[1] === undefined ? 1 : Number(hunk[1]);
      const start = Number(hunk[2]);
      let addedCount = hunk[3] === undefined ? 1 : Number(hunk[3]);
      for (let i = 0; i < addedCount; i++) current?.add(start + i);
      // Skip the hunk body by count.
      while (removedCount + addedCount > 0) {
        const lineStart = position;
        const body = nextLine();
        if (body === undefined) break;
        if (body.startsWith('-')) removedCount--;
        else if (body.startsWith('+')) addedCount--;
        else if (!body.startsWith('\\')) {
          position = lineStart; // not hunk content after all: let the outer loop read it
          break;
        }
      }
    }
  }
  return added;
}

/** `b/<path>` or `"b/<c-quoted path>"` → path; `/dev/null` → undefined. */
export function parseDiffPath(spec: string): string | undefined {
  // git ends the line with a tab when a name holds a space (for patch(1)); a name that really
  // ends with a tab is always quoted, so the tab is never part of the name.
  const trimmed = spec.replace(/\t$/, '');
  const unquoted = trimmed.startsWith('"') ? unquoteC(trimmed) : trimmed;
  if (unquoted === '/dev/null') return undefined;
  return unquoted.startsWith('b/') ? unquoted.slice(2) : unquoted;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style path quoting; octal escapes are raw bytes of UTF-8. */
export function unquoteC(quoted: string): string {
  const body = Array.from(quoted.replace(/^"/, '').replace(/"$/, ''));
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = body.slice(i + 1, i + 4).join('');
    if (/^[0-3][0-7]{2}$/.test(octal)) {
      bytes.push(parseInt(octal, 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
