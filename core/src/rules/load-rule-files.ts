import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { RuleFileError, RulesError, type RuleProblem } from './errors.js';
import { parseRuleFile } from './rule-file.js';
import type { RuleGroupSpec } from './rule-types.js';

/** Expands a rule_files entry: a path, or a glob with `*`/`?` in its last component (as Prometheus allows). */
export async function expandRuleFilePattern(pattern: string): Promise<string[]> {
  const base = path.basename(pattern);
  if (!/[*?[]/.test(base)) return [pattern];
  const dir = path.dirname(pattern);
  const re = new RegExp(`^${base.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => re.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

export interface LoadedRules {
  readonly groups: RuleGroupSpec[];
  readonly warnings: RuleProblem[];
}

/**
 * Reads every rule file named by the patterns. All or nothing: any problem
 * in any file throws a RuleFileError listing all of them, so a reload keeps
 * the rules that were running. Group names must be unique per file.
 */
export async function loadRuleFiles(patterns: readonly string[]): Promise<LoadedRules> {
  const problems: RuleProblem[] = [];
  const warnings: RuleProblem[] = [];
  const groups: RuleGroupSpec[] = [];
  const files: string[] = [];
  for (const p of patterns) files.push(...(await expandRuleFilePattern(p)));
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new RulesError('PNP_RULES_READ', `read rule file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
        cause: err,
      });
    }
    const parsed = parseRuleFile(text, file);
    problems.push(...parsed.problems);
    warnings.push(...parsed.warnings);
    groups.push(...parsed.groups);
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return { groups, warnings };
}
