// Prints the closing line CI counts ("N passed, N failed") from vitest's JSON report.
// A suite that fails to load has no failed tests of its own, so it counts as one failure.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`print-counts: cannot read the vitest report ${file}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const passed = report.numPassedTests ?? 0;
const failedTests = report.numFailedTests ?? 0;
const brokenSuites = (report.testResults ?? []).filter(
  (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).every((t) => t.status !== 'failed'),
).length;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failedTests + brokenSuites} failed${skipped ? `, ${skipped} skipped` : ''}`);
