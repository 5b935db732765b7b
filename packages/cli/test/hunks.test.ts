import { describe, expect, it } from 'vitest';
import { addedLinesByPath, parseDiffPath, unquoteC } from '../src/git/diff.js';

const patch = (text: string) => Buffer.from(text);

describe('addedLinesByPath', () => {
  it('collects new-side line numbers of every hunk, per file', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -2 +2 @@',
      '-old',
      '+new',
      '@@ -10,0 +11,3 @@ function x() {',
      '+one',
      '+two',
      '+three',
      'diff --git a/b.ts b/b.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/b.ts',
      '@@ -0,0 +1,2 @@',
      '+x',
      '+y',
      '',
    ].join('\n');
    const added = addedLinesByPath(patch(diff));
    expect([...added.get('src/a.ts')!]).toEqual([2, 11, 12, 13]);
    expect([...added.get('b.ts')!]).toEqual([1, 2]);
  });

  it('records no lines for a pure deletion hunk', () => {
    const diff = ['diff --git a/a b/a', '--- a/a', '+++ b/a', '@@ -3,2 +2,0 @@', '-gone', '-gone too', ''].join('\n');
    // (a file with no added line may be left out: the staged source reads that as none)
    expect([...(addedLinesByPath(patch(diff)).get('a') ?? [])]).toEqual([]);
  });

  it('skips hunk bodies by count, so content that looks like a header is not one', () => {
    const diff = [
      'diff --git a/a.md b/a.md',
      '--- a/a.md',
      '+++ b/a.md',
      '@@ -1,0 +1,3 @@',
      '+++ b/evil.md',
      '+@@ -1 +100,5 @@',
      '+diff --git a/x b/x',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    const added = addedLinesByPath(patch(diff));
    expect([...added.keys()]).toEqual(['a.md']);
    expect([...added.get('a.md')!]).toEqual([1, 2, 3]);
  });

  it('ignores files without hunks (binary, pure renames, mode changes)', () => {
    const diff = [
      'diff --git a/img.png b/img.png',
      'Binary files a/img.png and b/img.png differ',
      'diff --git a/old.ts b/new.ts',
      'similarity index 100%',
      'rename from old.ts',
      'rename to new.ts',
      '',
    ].join('\n');
    expect(addedLinesByPath(patch(diff)).size).toBe(0);
  });
});

describe('parseDiffPath', () => {
  it('drops the b/ prefix and the tab git adds after names with spaces', () => {
    expect(parseDiffPath('b/with space.ts\t')).toBe('with space.ts');
    expect(parseDiffPath('b/plain.ts')).toBe('plain.ts');
  });

  it('unquotes C-quoted names, octal UTF-8 bytes included', () => {
    expect(parseDiffPath('"b/new\\nline.ts"')).toBe('new\nline.ts');
    expect(parseDiffPath('"b/quote\\"s.ts"\t')).toBe('quote"s.ts');
    expect(parseDiffPath('"b/caf\\303\\251.ts"')).toBe('café.ts');
  });

  it('returns undefined for /dev/null', () => {
    expect(parseDiffPath('/dev/null')).toBeUndefined();
  });
});

describe('unquoteC', () => {
  it('decodes every escape git writes', () => {
    expect(unquoteC('"a\\tb\\\\c\\"d\\001"')).toBe('a\tb\\c"d\u0001');
    expect(unquoteC('"\\360\\237\\230\\200.ts"')).toBe('😀.ts');
  });
});
