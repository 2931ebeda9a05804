import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatRuleProblem } from '../../rules/errors.js';
import { parseRuleFile } from '../../rules/rule-file.js';

/** Checks one rule file; returns true when it is valid. Writes promtool-style lines. */
export async function checkRuleFile(file: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<boolean> {
  out.write(`Checking ${file}\n`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    out.write('  FAILED:\n');
    err.write(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}\n`);
    return false;
  }
  const parsed = parseRuleFile(text, file);
  for (const w of parsed.warnings) err.write(`  WARNING: ${formatRuleProblem(w)}\n`);
  if (parsed.problems.length > 0) {
    out.write('  FAILED:\n');
    for (const p of parsed.problems) err.write(`${formatRuleProblem(p)}\n`);
    return false;
  }
  const count = parsed.groups.reduce((n, g) => n + g.rules.length, 0);
  out.write(`  SUCCESS: ${count} rules found\n`);
  return true;
}

/** `panoptes check rules FILE…`: exit 0 when every file is valid, 1 otherwise, like `promtool check rules`. */
export function registerCheckRules(check: Command): void {
  check
    .command('rules')
    .description('validate Prometheus rule files')
    .argument('<file...>', 'rule files')
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        if (!(await checkRuleFile(file, process.stdout, process.stderr))) failed = true;
        process.stdout.write('\n');
      }
      process.exitCode = failed ? 1 : 0;
    });
}
