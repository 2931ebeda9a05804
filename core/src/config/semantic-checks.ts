import { parseDuration } from './duration.js';
import type { FieldPath } from './source-map.js';

export interface SemanticProblem {
  readonly path: FieldPath;
  readonly message: string;
}

type Raw = Record<string, any>;

const NEEDS_TARGET_LABEL = new Set(['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal']);

/**
 * Checks the schema cannot express: relations between fields, as
 * Prometheus' config.go does (timeout versus interval, unique job names,
 * what each relabel action requires). Runs on the schema-valid object.
 */
export function semanticChecks(raw: Raw): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const g = raw.global ?? {};
  const gInterval = parseDuration(g.scrape_interval ?? '15s') ?? 15_000;
  const gTimeout = parseDuration(g.scrape_timeout ?? '10s') ?? 10_000;
  if (gTimeout > gInterval) {
    problems.push({
      path: ['global', 'scrape_timeout'],
      message: `${JSON.stringify(g.scrape_timeout)} is greater than scrape_interval ${JSON.stringify(g.scrape_interval)}`,
    });
  }

  const jobs = new Map<string, number>();
  (raw.scrape_configs ?? []).forEach((job: Raw, i: number) => {
    const seen = jobs.get(job.job_name);
    if (seen !== undefined) {
      problems.push({
        path: ['scrape_configs', i, 'job_name'],
        message: `${JSON.stringify(job.job_name)} is already used by scrape_configs[${seen}]`,
      });
    } else {
      jobs.set(job.job_name, i);
    }
    const interval = job.scrape_interval !== undefined ? parseDuration(job.scrape_interval) : gInterval;
    const timeout = job.scrape_timeout !== undefined ? parseDuration(job.scrape_timeout) : undefined;
    if (interval !== undefined && timeout !== undefined && timeout > interval) {
      problems.push({
        path: ['scrape_configs', i, 'scrape_timeout'],
        message: `${JSON.stringify(job.scrape_timeout)} is greater than scrape_interval ${JSON.stringify(
          job.scrape_interval ?? g.scrape_interval,
        )} of job ${JSON.stringify(job.job_name)}`,
      });
    }
    if (job.bearer_token !== undefined && job.bearer_token_file !== undefined) {
      problems.push({ path: ['scrape_configs', i, 'bearer_token_file'], message: 'set either bearer_token or bearer_token_file, not both' });
    }
    if (job.authorization !== undefined && (job.bearer_token !== undefined || job.bearer_token_file !== undefined)) {
      problems.push({ path: ['scrape_configs', i, 'authorization'], message: 'set either authorization or bearer_token, not both' });
    }
    if (job.authorization !== undefined && job.basic_auth !== undefined) {
      problems.push({ path: ['scrape_configs', i, 'basic_auth'], message: 'set either basic_auth or authorization, not both' });
    }
    for (const key of ['relabel_configs', 'metric_relabel_configs'] as const) {
      (job[key] ?? []).forEach((rc: Raw, j: number) => {
        problems.push(...relabelChecks(rc, ['scrape_configs', i, key, j]));
      });
    }
  });

  const uses = new Map<string, number>();
  (raw.plugins ?? []).forEach((p: Raw, i: number) => {
    const seen = uses.get(p.use);
    if (seen !== undefined) {
      problems.push({ path: ['plugins', i, 'use'], message: `${JSON.stringify(p.use)} is already listed at plugins[${seen}]` });
    } else {
      uses.set(p.use, i);
    }
  });
  return problems;
}

function relabelChecks(rc: Raw, path: FieldPath): SemanticProblem[] {
  const action: string = rc.action ?? 'replace';
  const out: SemanticProblem[] = [];
  if (NEEDS_TARGET_LABEL.has(action) && (rc.target_label === undefined || rc.target_label === '')) {
    out.push({ path, message: `relabel action ${JSON.stringify(action)} requires target_label` });
  }
  if (action === 'hashmod' && rc.modulus === undefined) {
    out.push({ path, message: 'relabel action "hashmod" requires modulus' });
  }
  if ((action === 'keepequal' || action === 'dropequal') && (rc.regex !== undefined || rc.replacement !== undefined)) {
    out.push({ path, message: `relabel action ${JSON.stringify(action)} takes no regex or replacement` });
  }
  if ((action === 'labeldrop' || action === 'labelkeep') && (rc.source_labels !== undefined || rc.target_label !== undefined)) {
    out.push({ path, message: `relabel action ${JSON.stringify(action)} takes no source_labels or target_label` });
  }
  return out;
}
