/**
 * Text encodings end to end, with the built CLI: UTF-16 files as Windows tools write them
 * (PowerShell `>` / `Out-File`, .NET config, `.reg` exports) are scanned in files and staged
 * scans, with lines and columns of the decoded text; history scans list them as skipped.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonReport, requireBuiltCli, runKeyguard } from './helpers/cli.js';
import { createRepo, removeTempDirs, tempDir } from './helpers/git.js';
import { fakeKey, leakedSecrets } from './helpers/secrets.js';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

const encoders = {
  'utf-16le-bom': (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  'utf-16be-bom': (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
  'utf-16le': (text: string) => Buffer.from(text, 'utf16le'),
  'utf-8-bom': (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
};

/** CRLF lines, and an accent and an emoji (two UTF-16 code units) before the key on its line. */
function windowsText(key: string): { text: string; line: number; column: number } {
  const keyLine = `\t$café = "😀"; $token = "${key}"`;
  return { text: `# settings\r\n$retries = 3\r\n${keyLine}\r\n`, line: 3, column: keyLine.indexOf(key) + 1 };
}

describe('UTF-16 files in a files scan', () => {
  it('scans UTF-16 LE and BE (by BOM, or LE without one) and UTF-8 with a BOM, at the line and column of the decoded text', () => {
    const dir = tempDir();
    const keys: string[] = [];
    const expected: Array<[string, number, number, number]> = [];
    for (const [name, encode] of Object.entries(encoders)) {
      const key = fakeKey.githubPat();
      keys.push(key);
      const { text, line, column } = windowsText(key);
      writeFileSync(join(dir, `${name}.ps1`), encode(text));
      expected.push([`${name}.ps1`, line, column, column + key.length]);
    }
    const result = runKeyguard(['scan', '--format', 'json'], { cwd: dir });
    const report = parseJsonReport(result.stdout);
    expect(report.stats.skipped).toEqual([]);
    expect(report.findings.map((f) => [f.file, f.line, f.column, f.endColumn]).sort()).toEqual(expected.sort());
    expect(result.code).toBe(1);
    expect(leakedSecrets(keys, result.stdout, result.stderr)).toEqual([]);
  });

  it('applies maxFileSize to the bytes on disk, and keeps a binary file that starts with FF FE binary', () => {
    const dir = tempDir();
    const { text } = windowsText(fakeKey.githubPat());
    const utf16 = encoders['utf-16le-bom'](text);
    // Small enough as text, too large as UTF-16 bytes.
    writeFileSync(join(dir, 'keyguard.config.json'), JSON.stringify({ maxFileSize: text.length + 8 }));
    writeFileSync(join(dir, 'big.ps1'), utf16);
    // Lone surrogates (D800, then DC00 with nothing before it): not UTF-16 text.
    writeFileSync(join(dir, 'data.bin'), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00, 0x00, 0xdc, 0x42, 0x00]));
    const result = runKeyguard(['scan', '--format', 'json'], { cwd: dir });
    const report = parseJsonReport(result.stdout);
    expect(report.stats.skipped.sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      { file: 'big.ps1', reason: `larger than maxFileSize (${utf16.length} > ${text.length + 8} bytes)` },
      { file: 'data.bin', reason: 'binary' },
    ]);
    expect(result.code).toBe(0);
  });

  it('reports a committed .env written by PowerShell (UTF-16 LE with a BOM): the file and the key in it', () => {
    const repo = createRepo();
    const key = fakeKey.stripeSecret();
    repo.write('.env', encoders['utf-16le-bom'](`DEBUG=1\r\nSTRIPE_KEY=${key}\r\n`));
    repo.commitAll('env from Out-File');
    const result = runKeyguard(['scan', '--format', 'json'], { cwd: repo.dir });
    const report = parseJsonReport(result.stdout);
    // One finding for a committed env file; the key decoded from it is named in its message.
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([['env-file-committed', '.env', 1, 1]]);
    expect(report.findings[0]?.message).toContain('values in it look like keys (stripe-secret-key)');
    expect(leakedSecrets([key], result.stdout)).toEqual([]);
  });
});

describe('UTF-16 files in a staged scan', () => {
  it('blocks a new staged UTF-16 file with a key, at the line and column of the decoded text', () => {
    const repo = createRepo();
    repo.commitAll('empty');
    const key = fakeKey.githubPat();
    const { text, line, column } = windowsText(key);
    repo.stage({ 'deploy.ps1': encoders['utf-16le-bom'](text) });
    const result = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(parseJsonReport(result.stdout).findings.map((f) => [f.file, f.line, f.column])).toEqual([['deploy.ps1', line, column]]);
    expect(result.code).toBe(1);
    expect(leakedSecrets([key], result.stdout, result.stderr)).toEqual([]);
  });

  it('reports only the line added to a modified UTF-16 file (git counts its lines by byte, which agrees for this text)', () => {
    const repo = createRepo();
    const old = fakeKey.githubPat();
    const before = `# settings\r\n$old = "${old}"\r\n$retries = 3\r\n`;
    repo.write('deploy.ps1', encoders['utf-16be-bom'](before));
    repo.commitAll('old key, committed before keyguard');
    repo.stage({ 'deploy.ps1': encoders['utf-16be-bom'](`${before}$new = "${fakeKey.githubPat()}"\r\n`) });
    const result = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(parseJsonReport(result.stdout).findings.map((f) => [f.file, f.line, f.column])).toEqual([['deploy.ps1', 4, 9]]);
    expect(result.code).toBe(1);
  });
});

describe('a modified UTF-16 file whose text holds a 0x0A byte inside a character', () => {
  it('still reports the added key, at its decoded line, and not the old one (git numbers the lines by byte)', () => {
    for (const encoding of ['utf-16le-bom', 'utf-16be-bom'] as const) {
      const repo = createRepo();
      // U+4E0A (上) is 0A 4E in LE and 4E 0A in BE: git counts one line more than the text has
      const head = `# \u4E0A settings\r\n$old = "${fakeKey.githubPat()}"\r\n`;
      const tail = '$retries = 3\r\n$timeout = 30\r\n';
      repo.write('deploy.ps1', encoders[encoding](head + tail));
      repo.commitAll('old key, committed before keyguard');
      const added = fakeKey.githubPat();
      repo.stage({ 'deploy.ps1': encoders[encoding](`${head}$new = "${added}"\r\n${tail}`) });
      const result = runKeyguard(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
      expect(parseJsonReport(result.stdout).findings.map((f) => [f.file, f.line, f.column]), encoding).toEqual([['deploy.ps1', 3, 9]]);
      expect(result.code).toBe(1);
      expect(leakedSecrets([added], result.stdout, result.stderr)).toEqual([]);
    }
  });
});

describe('UTF-16 files in a history scan', () => {
  it('lists them as skipped binary files (git log -p shows no text for them), not dropped silently', () => {
    const repo = createRepo();
    repo.write('README.md', '# app\n');
    const base = repo.commitAll('base');
    repo.write('deploy.ps1', encoders['utf-16le-bom'](windowsText(fakeKey.githubPat()).text));
    repo.commitAll('script');
    const result = runKeyguard(['scan', '--since', base, '--format', 'json'], { cwd: repo.dir });
    const report = parseJsonReport(result.stdout);
    expect(report.findings).toEqual([]);
    expect(report.stats.skipped).toEqual([{ file: 'deploy.ps1', reason: expect.stringContaining('binary') }]);
  });
});
