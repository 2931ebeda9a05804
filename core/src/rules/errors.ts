/** Error codes of the rules area; stable, never reused. */
export type RulesErrorCode =
  /** A rule file could not be read. */
  | 'PNP_RULES_READ'
  /** A rule file is not valid (YAML, fields, expressions, templates). */
  | 'PNP_RULES_INVALID'
  /** An evaluation failed (query error, duplicate alert labels, limit exceeded). */
  | 'PNP_RULES_EVAL'
  /** A query or rule outcome exceeded the group's `limit`. */
  | 'PNP_RULES_LIMIT';

export class RulesError extends Error {
  constructor(
    readonly code: RulesErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RulesError';
  }
}

/** One problem in a rule file, positioned like Prometheus' rulefmt errors. */
export interface RuleProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly group?: string;
  /** 1-based index of the rule within its group. */
  readonly rule?: number;
  readonly ruleName?: string;
  readonly message: string;
}

/** `rules.yml:12:5: group "cpu", rule 2, "HighCPU": could not parse expression: …` */
export function formatRuleProblem(p: RuleProblem): string {
  const where = p.group !== undefined ? `group ${JSON.stringify(p.group)}` : '';
  const rule = p.rule !== undefined ? `, rule ${p.rule}, ${JSON.stringify(p.ruleName ?? '')}` : '';
  return `${p.file}:${p.line}:${p.column}: ${where}${rule}${where ? ': ' : ''}${p.message}`;
}

/** A rule file (or several) that failed validation: every problem, each with file, position, group and rule. */
export class RuleFileError extends RulesError {
  constructor(readonly problems: readonly RuleProblem[]) {
    super('PNP_RULES_INVALID', problems.map(formatRuleProblem).join('\n'));
    this.name = 'RuleFileError';
  }
}
