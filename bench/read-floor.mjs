// The raw read floor: reads every file of a list (one path a line) and does nothing else.
// Any scanner has to do at least this much, so its time is the floor for a full scan.
// With --decode it also decodes each file as UTF-8, which every text scanner must do too.
// Usage: node bench/read-floor.mjs <list-file> [--decode]
import { readFileSync } from 'node:fs';

const list = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const decode = process.argv.includes('--decode');
let bytes = 0;
let chars = 0;
for (const file of list) {
  const buffer = readFileSync(file);
  bytes += buffer.length;
  if (decode) chars += buffer.toString('utf8').length;
}
process.stdout.write(`${JSON.stringify({ files: list.length, bytes, chars })}\n`);
