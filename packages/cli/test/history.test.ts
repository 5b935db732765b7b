import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepo, removeTempDirs, type TempRepo } from '../../../test/helpers/git.js';
import { decodeGitPath, LineSplitter, MAX_CONTEXT_LINE, PatchParser, type PatchUnit } from '../src/git/diff.js';
import { readAhead, streamPatches } from '../src/git/log.js';
import { resolveRange } from '../src/git/range.js';

afterAll(removeTempDirs);

/** The units `git log -p` yields for a range, as the history source reads them. */
async function patches(repo: TempRepo, since?: string): Promise<PatchUnit[]> {
  const { units } = streamPatches(resolveRange(repo.dir, since), Number.POSITIVE_INFINITY);
  const out: PatchUnit[] = [];
  for await (const unit of units) out.push(unit);
  return out;
}

/** Each unit's blocks as [first line, text] and, when some lines are context, the added runs. */
const blocks = (units: readonly PatchUnit[]) =>
  units.map((unit) => ({
    file: unit.file,
    blocks: unit.blocks.map((block) => (block.reportRuns ? [block.startLine, block.text, block.reportRuns] : [block.startLine, block.text])),
  }));

/** Each unit's added lines only, as [line number, text]: what a history scan reports on. */
const addedLines = (units: readonly PatchUnit[]) =>
  units.map((unit) => ({
    file: unit.file,
    lines: unit.blocks.flatMap((block) => {
      const text = block.text.split('\n');
      const runs = block.reportRuns ?? [block.startLine, block.startLine + text.length - 1];
      const out: Array<[number, string]> = [];
      for (let i = 0; i < runs.length; i += 2) for (let line = runs[i]!; line <= runs[i + 1]!; line++) out.push([line, text[line - block.startLine]!]);
      return out;
    }),
  }));

const parse = (parser: PatchParser, lines: string[]) => [...lines.flatMap((line) => parser.push(line)), ...parser.end()];

describe('decodeGitPath', () => {
  it('leaves plain paths alone', () => {
    expect(decodeGitPath('src/a b.ts')).toBe('src/a b.ts');
  });

  it('decodes C-quoted paths with escapes and octal UTF-8 bytes', () => {
    expect(decodeGitPath('"b/new\\nline \\"q\\" \\\\ \\303\\251.txt"')).toBe('b/new\nline "q" \\ é.txt');
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks, including a multi-byte character cut in half', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('one\ntwé\nthree');
    const lines = [...splitter.push(bytes.subarray(0, 7)), ...splitter.push(bytes.subarray(7)), ...splitter.end()];
    expect(lines).toEqual(['one', 'twé', 'three']);
  });
});

describe('readAhead', () => {
  it('yields every chunk in order and pauses the writer while more than the limit is queued', async () => {
    const stream = new PassThrough();
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.from(`chunk ${i};`));
    let pauses = 0;
    stream.on('pause', () => pauses++);
    const reading = (async () => {
      const got: string[] = [];
      for await (const chunk of readAhead(stream, 32)) {
        got.push(chunk.toString());
        await new Promise((resolve) => setImmediate(resolve));
      }
      return got.join('');
    })();
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
    expect(await reading).toBe(chunks.join(''));
    expect(pauses).toBeGreaterThan(0);
  });
});

describe('PatchParser', () => {
  it('reports only lines added against every parent of a combined merge diff; lines from one parent are context', () => {
    const parser = new PatchParser();
    const units = parse(parser, [
      '\u0001' + 'a'.repeat(40) + ' 2024-01-02T03:04:05+00:00',
      '',
      'diff --cc f.txt',
      'index 1111111,2222222..3333333',
      '--- a/f.txt',
      '+++ b/f.txt',
      '@@@ -4,1 -4,1 +4,3 @@@',
      ' +from first parent',
      '+ from second parent',
      '++evil line',
    ]);
    expect(blocks(units)).toEqual([{ file: 'f.txt', blocks: [[4, 'from first parent\nfrom second parent\nevil line', [6, 6]]] }]);
    expect(addedLines(units)).toEqual([{ file: 'f.txt', lines: [[6, 'evil line']] }]);
    expect(units[0]).toMatchObject({ commit: 'a'.repeat(40), authorDate: '2024-01-02T03:04:05+00:00' });
  });

  it('keeps context lines of a combined diff (a space in every column) and never lets a line removed against any parent in', () => {
    const parser = new PatchParser();
    const units = parse(parser, [
      '\u0001' + 'd'.repeat(40) + ' 2024-01-02T03:04:05+00:00',
      'diff --cc conf.ini',
      'index 1111111,2222222..3333333',
      '--- a/conf.ini',
      '+++ b/conf.ini',
      '@@@ -10,6 -10,7 +10,6 @@@',
      '  [db]',
      '  user = app',
      '- password = from-first-parent',
      ' -password = from-second-parent',
      '--password = from-both-parents',
      '++password = resolved',
      '+ port = 5432',
      '  [cache]',
      '  ttl = 60',
    ]);
    expect(blocks(units)).toEqual([
      { file: 'conf.ini', blocks: [[10, '[db]\nuser = app\npassword = resolved\nport = 5432\n[cache]\nttl = 60', [12, 12]]] },
    ]);
    expect(units[0]!.bytes).toBe('password = resolved'.length + 1);
  });

  it('drops hunks that add nothing (context around a removal) and cuts a block at an over-long context line', () => {
    const parser = new PatchParser();
    const long = 'x'.repeat(MAX_CONTEXT_LINE + 1);
    const units = parse(parser, [
      '\u0001' + 'e'.repeat(40) + ' 2024-01-02T03:04:05+00:00',
      'diff --git a/a.txt b/a.txt',
      '--- a/a.txt',
      '+++ b/a.txt',
      '@@ -1,3 +1,2 @@',
      ' one',
      '-removed',
      ' two',
      '@@ -20,3 +19,4 @@',
      ` ${long}`,
      ' before',
      '+added',
      ` ${long}`,
      ' after',
    ]);
    expect(blocks(units)).toEqual([{ file: 'a.txt', blocks: [[20, 'before\nadded', [21, 21]]] }]);
  });

  it('treats "+++" and "diff"-looking content inside a hunk as added lines', () => {
    const parser = new PatchParser();
    const lines = [
      '\u0001' + 'b'.repeat(40) + ' 2024-01-02T03:04:05+00:00',
      'diff --git a/x.md b/x.md',
      '--- /dev/null',
      '+++ b/x.md',
      '@@ -0,0 +1,3 @@',
      '+++ b/not-a-header',
      '+diff --git is text here',
      '+--- also text',
    ];
    const units = parse(parser, lines);
    expect(blocks(units)).toEqual([
      { file: 'x.md', blocks: [[1, '++ b/not-a-header\ndiff --git is text here\n--- also text']] },
    ]);
  });

  it('skips a file whose added text is over the size limit and lists it', () => {
    const parser = new PatchParser(10);
    const lines = [
      '\u0001' + 'c'.repeat(40) + ' 2024-01-02T03:04:05+00:00',
      'diff --git a/big.txt b/big.txt',
      '--- /dev/null',
      '+++ b/big.txt',
      '@@ -0,0 +1,2 @@',
      '+0123456789',
      '+0123456789',
    ];
    expect(parse(parser, lines)).toEqual([]);
    expect(parser.skipped).toEqual([{ commit: 'c'.repeat(40), file: 'big.txt', reason: 'too-large' }]);
  });
});

describe('PatchParser cuts a large block into chunks (history scans)', () => {
  // a hunk of 400 lines, every third one context: whole, and cut with small sizes
  const header = ['\u0001' + 'c'.repeat(40) + ' 2024-01-02T03:04:05+00:00', 'diff --git a/big.txt b/big.txt', '--- a/big.txt', '+++ b/big.txt', '@@ -1,134 +1,400 @@'];
  const hunk = Array.from({ length: 400 }, (_, i) => `${i % 3 === 0 ? ' ' : '+'}line ${i + 1} ${'x'.repeat(i % 17)}`);
  const small = { wholeBlock: 500, chunk: 300, overlap: 120 };

  it('chunks own consecutive parts that add up to the whole block, each with its place in the file and the added lines', () => {
    const [whole] = parse(new PatchParser(), [...header, ...hunk]);
    const block = whole!.blocks[0]!;
    const units = parse(new PatchParser(Number.POSITIVE_INFINITY, small), [...header, ...hunk]);
    expect(units.length).toBeGreaterThan(5);
    let owned = '';
    for (const unit of units) {
      expect(unit.blocks).toHaveLength(1);
      const chunk = unit.blocks[0]!;
      expect(chunk.region).toBeDefined();
      expect(chunk.text.length).toBeLessThanOrEqual(small.chunk + 2 * small.overlap);
      // the chunk's first character is at (startLine, startColumn) of the file
      const before = block.text.slice(0, owned.length - chunk.region!.from);
      const lines = before.split('\n');
      expect([chunk.startLine, chunk.startColumn ?? 1]).toEqual([block.startLine + lines.length - 1, lines[lines.length - 1]!.length + 1]);
      expect(chunk.reportRuns).toEqual(block.reportRuns);
      owned += chunk.text.slice(chunk.region!.from, chunk.region!.to);
    }
    expect(owned).toBe(block.text);
  });

  it('holds a block whole up to wholeBlock, and counts the added text of chunked blocks once', () => {
    expect(parse(new PatchParser(Number.POSITIVE_INFINITY, { ...small, wholeBlock: 100_000 }), [...header, ...hunk])).toHaveLength(1);
    const [whole] = parse(new PatchParser(), [...header, ...hunk]);
    const units = parse(new PatchParser(Number.POSITIVE_INFINITY, small), [...header, ...hunk, ' context', '@@ -200,1 +500,2 @@', ' after', '+a small hunk']);
    const last = units[units.length - 1]!;
    expect(last.blocks.map((block) => block.startLine)).toEqual([500]);
    expect(last.bytes).toBe('+a small hunk'.length);
    expect(whole!.bytes).toBeGreaterThan(0);
  });
});

describe('history source on a real git repository', () => {
  it('yields each commit’s added lines with their new line numbers, newest commit first', async () => {
    const repo = createRepo();
    repo.write('app.ts', 'line 1\nline 2\nline 3\n');
    const first = repo.commitAll('first');
    repo.write('app.ts', 'line 1\ninserted\nline 2\nline 3\nappended\n');
    const second = repo.commitAll('second');
    const units = await patches(repo);
    expect(units.map((unit) => [unit.commit, unit.file])).toEqual([
      [second, 'app.ts'],
      [first, 'app.ts'],
    ]);
    expect(addedLines(units)).toEqual([
      { file: 'app.ts', lines: [[2, 'inserted'], [5, 'appended']] },
      { file: 'app.ts', lines: [[1, 'line 1'], [2, 'line 2'], [3, 'line 3']] },
    ]);
    // The unchanged lines around the second commit's changes come along as context.
    expect(blocks(units)).toEqual([
      { file: 'app.ts', blocks: [[1, 'line 1\ninserted\nline 2\nline 3\nappended', [2, 2, 5, 5]]] },
      { file: 'app.ts', blocks: [[1, 'line 1\nline 2\nline 3']] },
    ]);
  });

  it('includes lines added and removed again within the range', async () => {
    const repo = createRepo();
    repo.write('README.md', 'hello\n');
    const base = repo.commitAll('base');
    repo.write('config.ts', 'export const token = "added then removed";\n');
    repo.commitAll('add');
    repo.git('rm', '-q', 'config.ts');
    repo.commitAll('remove');
    expect(blocks(await patches(repo, base))).toEqual([
      { file: 'config.ts', blocks: [[1, 'export const token = "added then removed";']] },
    ]);
  });

  it('does not report a renamed file’s lines again, only what the rename changed', async () => {
    const repo = createRepo();
    repo.write('old name.ts', 'a\nb\nc\nd\ne\n');
    const base = repo.commitAll('base');
    repo.git('mv', 'old name.ts', 'new name.ts');
    repo.write('new name.ts', 'a\nb\nc\nd\ne\nf\n');
    repo.commitAll('rename');
    expect(addedLines(await patches(repo, base))).toEqual([{ file: 'new name.ts', lines: [[6, 'f']] }]);
  });

  it('decodes odd file names and skips binary files', async () => {
    const repo = createRepo();
    repo.write('new\nline "q" é.txt', 'odd\n');
    repo.write('tab\tname.txt', 'tab\n');
    repo.write('image.bin', Buffer.from([0, 1, 2, 0, 255, 10]));
    repo.commitAll('odd');
    const { units, parser } = streamPatches(resolveRange(repo.dir, undefined), Number.POSITIVE_INFINITY);
    const files: string[] = [];
    for await (const unit of units) files.push(unit.file);
    expect(files.sort()).toEqual(['new\nline "q" é.txt', 'tab\tname.txt']);
    expect(parser.skipped.map((skip) => [skip.file, skip.reason])).toEqual([['image.bin', 'binary']]);
  });

  it('reports a merge’s own lines once: clean merges add nothing, an evil merge’s new line is found', async () => {
    const repo = createRepo();
    repo.write('f.txt', 'a\nb\nc\n');
    const base = repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('side.txt', 'from side\n');
    repo.commitAll('side');
    repo.git('checkout', '-q', 'main');
    repo.write('main.txt', 'from main\n');
    repo.commitAll('main');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'side');
    repo.write('f.txt', 'a\nb\nc\nslipped into the merge\n');
    repo.git('add', 'f.txt');
    repo.git('commit', '-q', '--no-verify', '-m', 'merge');
    const units = await patches(repo, base);
    expect(units.map((unit) => unit.file).sort()).toEqual(['f.txt', 'main.txt', 'side.txt']);
    expect(addedLines(units).find((unit) => unit.file === 'f.txt')).toEqual({ file: 'f.txt', lines: [[4, 'slipped into the merge']] });
    // Lines both parents had are context of the merge's hunk.
    expect(blocks(units).find((unit) => unit.file === 'f.txt')).toEqual({ file: 'f.txt', blocks: [[1, 'a\nb\nc\nslipped into the merge', [4, 4]]] });
  });

  it('yields nothing for an empty range and for a repository without commits', async () => {
    const repo = createRepo();
    expect(await patches(repo)).toEqual([]);
    repo.write('a.txt', 'a\n');
    repo.commitAll('a');
    expect(await patches(repo, 'HEAD')).toEqual([]);
  });
});

describe('resolveRange errors (exit 2 with a message that says what to do)', () => {
  it('names an unknown revision', () => {
    const repo = createRepo();
    repo.write('a.txt', 'a\n');
    repo.commitAll('a');
    expect(() => resolveRange(repo.dir, 'no-such-branch')).toThrow(/unknown revision 'no-such-branch'/);
  });

  it('does not let a revision that looks like an option reach git as one', () => {
    const repo = createRepo();
    repo.write('a.txt', 'a\n');
    repo.commitAll('a');
    expect(() => resolveRange(repo.dir, '--output=/tmp/x')).toThrow(/unknown revision '--output=\/tmp\/x'/);
  });

  it('says --since needs a repository outside one', async () => {
    const { tempDir } = await import('../../../test/helpers/git.js');
    expect(() => resolveRange(tempDir(), 'HEAD~1')).toThrow(/needs a git repository/);
  });
});
