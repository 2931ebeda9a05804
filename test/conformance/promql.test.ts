/**
 * PromQL conformance: every eval case of Prometheus's test scripts in
 * ../shared/conformance/promql/testdata through the Panoptes engine. Native
 * histogram cases are counted as skipped. The suite asserts that the pass
 * counts do not fall below the recorded baseline; the failures are written
 * to .tmp/promql-conformance-failures.txt for inspection.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { parseScript } from './promql-script.js';
import { ScriptRunner } from './promql-runner.js';

const CORPUS = new URL('../../../shared/conformance/promql/', import.meta.url);
const TMP = new URL('../../.tmp/', import.meta.url);

/** Raise these as the engine improves; never lower them. */
const BASELINE = { total: 1266, coreFloat: 865 };

interface CaseInfo {
  cls: string;
  core: boolean;
}

function loadCases(): Map<string, CaseInfo> {
  const rows = readFileSync(new URL('cases.tsv', CORPUS), 'utf8').trim().split('\n').slice(1);
  const out = new Map<string, CaseInfo>();
  for (const r of rows) {
    const [file, line, , , cls, core] = r.split('\t');
    out.set(`${file}:${line}`, { cls: cls!, core: core === 'yes' });
  }
  return out;
}

it('passes the PromQL conformance corpus at or above the baseline', async () => {
  const cases = loadCases();
  const dir = new URL('testdata/', CORPUS);
  const files = readdirSync(fileURLToPath(dir)).filter((f) => f.endsWith('.test')).sort();
  const rows: string[] = [];
  const failures: string[] = [];
  const wording: string[] = [];
  const total = { passed: 0, failed: 0, skipped: 0, corePassed: 0, coreTotal: 0, wording: 0 };
  for (const file of files) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const stats = { passed: 0, failed: 0, skipped: 0, corePassed: 0, coreTotal: 0, wording: 0 };
    const runner = new ScriptRunner();
    let cmds;
    try {
      cmds = parseScript(text, file);
    } catch (err) {
      failures.push(`${file}: script parse error: ${(err as Error).message}`);
      const n = [...cases.keys()].filter((k) => k.startsWith(`${file}:`)).length;
      stats.failed += n;
      cmds = [];
    }
    for (const cmd of cmds) {
      if (cmd.kind === 'clear') runner.clear();
      else if (cmd.kind === 'load') runner.load(cmd);
      else {
        const info = cases.get(`${file}:${cmd.line}`) ?? { cls: 'float', core: false };
        if (info.cls === 'nh') {
          stats.skipped++;
          continue;
        }
        if (info.core) stats.coreTotal++;
        let problem: string | undefined;
        try {
          problem = await runner.run(cmd);
        } catch (err) {
          problem = `runner error: ${(err as Error).stack ?? err}`;
        }
        if (problem === undefined) {
          stats.passed++;
          if (info.core) stats.corePassed++;
          if (runner.textProblem) {
            stats.wording++;
            wording.push(`${file}:${cmd.line} ${cmd.query}\n    ${runner.textProblem}`);
          }
        } else {
          stats.failed++;
          failures.push(`${file}:${cmd.line}${info.core ? ' [core]' : ''} ${cmd.query}\n    ${problem}`);
        }
      }
    }
    rows.push(`${file.padEnd(28)} ${String(stats.passed).padStart(5)} ${String(stats.failed).padStart(6)} ${String(stats.skipped).padStart(7)}   ${`${stats.corePassed}/${stats.coreTotal}`.padEnd(10)} ${stats.wording}`);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += stats[k];
  }
  const table = [
    `${'file'.padEnd(28)} ${'pass'.padStart(5)} ${'fail'.padStart(6)} ${'skipped'.padStart(7)}   core float wording`,
    ...rows,
    `${'TOTAL'.padEnd(28)} ${String(total.passed).padStart(5)} ${String(total.failed).padStart(6)} ${String(total.skipped).padStart(7)}   ${`${total.corePassed}/${total.coreTotal}`.padEnd(10)} ${total.wording}`,
    `conformance total: pass ${total.passed}, fail ${total.failed}, skipped ${total.skipped} (native histograms)`,
    `core float: passed/total of the classic-float cases; wording: passed cases whose annotation texts differ from Prometheus's`,
  ].join('\n');
  console.log(table);
  mkdirSync(fileURLToPath(TMP), { recursive: true });
  writeFileSync(
    new URL('promql-conformance-failures.txt', TMP),
    `${table}\n\nFAILURES\n${failures.join('\n')}\n\nANNOTATION WORDING\n${wording.join('\n')}\n`,
  );
  expect(total.passed).toBeGreaterThanOrEqual(BASELINE.total);
  expect(total.corePassed).toBeGreaterThanOrEqual(BASELINE.coreFloat);
});
