// Runs the whole vitest suite and ends with one plain summary line,
// "Tests: N passed, N failed, N skipped", counted from vitest's JSON report,
// so CI logs close on the suite's own totals. Exits with vitest's status.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const report = '.tmp/vitest-report.json';
mkdirSync('.tmp', { recursive: true });
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
let summary = 'Tests: no report written';
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  summary = `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`;
} catch (err) {
  summary += ` (${err.message})`;
}
console.log(`\n${summary}`);
process.exit(run.status ?? 1);
