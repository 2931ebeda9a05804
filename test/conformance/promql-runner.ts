/**
 * Runs Prometheus's PromQL test scripts against the Panoptes engine over an
 * in-memory store, with the extra checks of Prometheus's own runner: every
 * instant eval is re-run with `@` pinned at other times and as a range
 * query around its time.
 */
import {
  Engine, MemoryQueryable, isStaleNaN, parseExpr, printExpr,
  type Expr, type QueryResult,
} from '../../core/src/promql/index.js';
import type { AnnotationExpectation, Command, Expectations, SeriesLine } from './promql-script.js';

type EvalCommand = Extract<Command, { kind: 'eval' }>;

const MIN_NORMAL = 2.2250738585072014e-308;

/** Value equality of the corpus README §4. */
export function valuesEqual(exp: number, act: number): boolean {
  if (isStaleNaN(exp) || isStaleNaN(act)) return isStaleNaN(exp) && isStaleNaN(act);
  if (Number.isNaN(exp) || Number.isNaN(act)) return Number.isNaN(exp) && Number.isNaN(act);
  if (exp === act) return true;
  const absSum = Math.abs(exp) + Math.abs(act);
  const diff = Math.abs(exp - act);
  if (exp === 0 || act === 0 || absSum < MIN_NORMAL) return diff < 1e-6 * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < 1e-6;
}

function key(ls: readonly { name: string; value: string }[]): string {
  return ls.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(',');
}

function fmt(ls: readonly { name: string; value: string }[]): string {
  return `{${key(ls)}}`;
}

function compareLabelSets(a: readonly { name: string; value: string }[], b: readonly { name: string; value: string }[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i]!.name !== b[i]!.name) return a[i]!.name < b[i]!.name ? -1 : 1;
    if (a[i]!.value !== b[i]!.value) return a[i]!.value < b[i]!.value ? -1 : 1;
  }
  return a.length - b.length;
}

/** Compares an instant result (vector, scalar, string or range vector) with the expectations; returns a problem or undefined. */
export function checkInstant(res: QueryResult, exp: Expectations, t: number): string | undefined {
  const d = res.data;
  if (exp.string !== undefined) {
    if (d.resultType !== 'string') return `expected string, got ${d.resultType}`;
    return d.result.s === exp.string ? undefined : `expected string ${JSON.stringify(exp.string)}, got ${JSON.stringify(d.result.s)}`;
  }
  if (exp.scalar !== undefined) {
    if (d.resultType !== 'scalar') return `expected scalar, got ${d.resultType}`;
    return valuesEqual(exp.scalar, d.result.f) ? undefined : `expected scalar ${exp.scalar}, got ${d.result.f}`;
  }
  if (exp.rangeVector) {
    if (d.resultType !== 'matrix') return `expected range vector, got ${d.resultType}`;
    return checkMatrix(d.result, exp.series, exp.rangeVector.from, exp.rangeVector.step);
  }
  if (d.resultType === 'scalar' && exp.series.length === 0) return `expected empty vector, got scalar`;
  if (d.resultType !== 'vector' && !(d.resultType === 'matrix' && exp.series.length === 0 && d.result.length === 0)) {
    return `expected vector, got ${d.resultType}`;
  }
  const vec = d.resultType === 'vector' ? d.result : [];
  return checkVector(vec.map((s) => ({ metric: s.metric, f: s.f })), exp, t);
}

function checkVector(vec: { metric: readonly { name: string; value: string }[]; f: number }[], exp: Expectations, _t: number): string | undefined {
  if (vec.length !== exp.series.length) {
    return `expected ${exp.series.length} samples, got ${vec.length}: ${vec.map((s) => `${fmt(s.metric)} ${s.f}`).join('; ')}`;
  }
  const byKey = new Map(vec.map((s, i) => [key(s.metric), { s, i }]));
  for (let i = 0; i < exp.series.length; i++) {
    const e = exp.series[i]!;
    if (e.values.length !== 1) return `expected series ${fmt(e.labels)} has ${e.values.length} values in an instant check`;
    const a = byKey.get(key(e.labels));
    if (!a) return `missing ${fmt(e.labels)}; got ${vec.map((s) => fmt(s.metric)).join(' ')}`;
    const ev = e.values[0];
    if (typeof ev !== 'number') return `expected value for ${fmt(e.labels)} is not a float`;
    if (!valuesEqual(ev, a.s.f)) return `${fmt(e.labels)}: expected ${ev}, got ${a.s.f}`;
    if (exp.ordered && a.i !== i) return `${fmt(e.labels)} at position ${a.i}, expected ${i}`;
  }
  return undefined;
}

function checkMatrix(mat: { metric: readonly { name: string; value: string }[]; t: number[]; f: number[] }[], expected: SeriesLine[], start: number, step: number): string | undefined {
  for (let i = 1; i < mat.length; i++) {
    if (compareLabelSets(mat[i - 1]!.metric, mat[i]!.metric) >= 0) return `matrix not sorted by labels at ${fmt(mat[i]!.metric)}`;
  }
  const byKey = new Map(mat.map((s) => [key(s.metric), s]));
  const expKeys = new Set(expected.map((e) => key(e.labels)));
  for (const s of mat) if (!expKeys.has(key(s.metric))) return `unexpected series ${fmt(s.metric)} ${s.f.join(' ')}`;
  for (const e of expected) {
    const a = byKey.get(key(e.labels));
    if (!a) return `missing series ${fmt(e.labels)}`;
    const points: [number, number][] = [];
    e.values.forEach((v, i) => {
      if (typeof v === 'number') points.push([start + i * step, v]);
    });
    if (points.length !== a.t.length) {
      return `${fmt(e.labels)}: expected ${points.length} points, got ${a.t.length}: ${a.t.map((t, i) => `${t}:${a.f[i]}`).join(' ')}`;
    }
    for (let i = 0; i < points.length; i++) {
      if (points[i]![0] !== a.t[i]) return `${fmt(e.labels)}: point ${i} at ${a.t[i]}, expected ${points[i]![0]}`;
      if (!valuesEqual(points[i]![1], a.f[i]!)) return `${fmt(e.labels)}@${a.t[i]}: expected ${points[i]![1]}, got ${a.f[i]}`;
    }
  }
  return undefined;
}

function checkAnnotations(res: QueryResult, exp: Expectations): string | undefined {
  if (exp.warn === 'some' && res.warnings.length === 0) return 'expected a warning, got none';
  if (exp.warn === 'none' && res.warnings.length > 0) return `expected no warning, got ${res.warnings.join(' | ')}`;
  if (exp.info === 'some' && res.infos.length === 0) return 'expected an info annotation, got none';
  if (exp.info === 'none' && res.infos.length > 0) return `expected no info, got ${res.infos.join(' | ')}`;
  return undefined;
}

function textMatches(exp: AnnotationExpectation, actual: string): boolean {
  if ('any' in exp) return true;
  if ('msg' in exp) return actual === exp.msg;
  return new RegExp(exp.regex).test(actual);
}

/**
 * The exact annotation texts (README §4): every expect line matches an actual
 * annotation and every actual one matches an expect line. Reported apart
 * from pass/fail: a case with the right annotations but other wording passes.
 */
export function annotationTextProblem(res: QueryResult, exp: Expectations): string | undefined {
  for (const [kind, texts, actual] of [['warn', exp.warnTexts, res.warnings], ['info', exp.infoTexts, res.infos]] as const) {
    if (texts.length === 0) continue;
    for (const t of texts) if (!actual.some((a) => textMatches(t, a))) return `no ${kind} matches ${JSON.stringify(t)}; got ${JSON.stringify(actual)}`;
    for (const a of actual) if (!texts.some((t) => textMatches(t, a))) return `unexpected ${kind} ${JSON.stringify(a)}`;
  }
  return undefined;
}

function checkFailure(err: unknown, exp: Expectations): string | undefined {
  const msg = err instanceof Error ? err.message : String(err);
  if (exp.failMsg !== undefined && msg.trim() !== exp.failMsg) return `expected error ${JSON.stringify(exp.failMsg)}, got ${JSON.stringify(msg)}`;
  if (exp.failRegex !== undefined && !new RegExp(exp.failRegex).test(msg)) return `expected error matching /${exp.failRegex}/, got ${JSON.stringify(msg)}`;
  return undefined;
}

const TIME_DEPENDENT = /\b(time|timestamp|predict_linear|minute|hour|day_of_week|day_of_month|day_of_year|days_in_month|month|year|start|end|range|step)\s*\(/;
const QUERY_CONTEXT = /\b(start|end|range|step)\s*\(\s*\)/;

/** Pins every top-level selector and subquery (not inside a subquery) without @ to time t. */
export function pinAt(e: Expr, t: number): Expr {
  const copy = structuredClone(e) as Expr;
  const visit = (n: Expr): void => {
    switch (n.type) {
      case 'VectorSelector':
        if (!n.at) n.at = { kind: 'time', ms: t };
        return;
      case 'MatrixSelector':
        if (!n.vector.at) n.vector.at = { kind: 'time', ms: t };
        return;
      case 'SubqueryExpr':
        if (!n.at) n.at = { kind: 'time', ms: t };
        return;
      case 'ParenExpr': case 'UnaryExpr':
        visit(n.expr);
        return;
      case 'BinaryExpr':
        visit(n.lhs);
        visit(n.rhs);
        return;
      case 'AggregateExpr':
        if (n.param) visit(n.param);
        visit(n.expr);
        return;
      case 'Call':
        n.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(copy);
  return copy;
}

export class ScriptRunner {
  /** Set by run(): the annotation wording problem of the last eval, if any. */
  textProblem: string | undefined;
  private store = new MemoryQueryable();
  private engine = new Engine(this.store, { lookbackDelta: 300_000, maxSamples: 0, timeout: 0, defaultSubqueryStep: 60_000 });

  load(cmd: Extract<Command, { kind: 'load' }>): void {
    for (const s of cmd.series) {
      s.values.forEach((v, k) => {
        if (typeof v === 'number') this.store.add(s.labels, k * cmd.interval, v);
      });
    }
  }

  clear(): void {
    this.store = new MemoryQueryable();
    this.engine = new Engine(this.store, { lookbackDelta: 300_000, maxSamples: 0, timeout: 0, defaultSubqueryStep: 60_000 });
  }

  /** Runs one eval with all checks; returns the first problem, or undefined when it passes. */
  async run(cmd: EvalCommand): Promise<string | undefined> {
    this.textProblem = undefined;
    if (cmd.mode === 'range') return this.runRange(cmd);
    const exp = cmd.expect;
    const at = exp.rangeVector ? exp.rangeVector.to : cmd.at;
    const first = await this.instantCheck(cmd.query, at, exp, 'instant');
    if (first) return first;
    if (exp.rangeVector || exp.string !== undefined) return undefined;
    const variants: { query: string; times: number[] }[] = [{ query: cmd.query, times: [] }];
    if (!TIME_DEPENDENT.test(cmd.query)) {
      const pinned = printExpr(pinAt(parseExpr(cmd.query), at));
      const times = at === 0 ? [-1000, 0, 1000] : [-10 * at, 0, at / 5, at, 10 * at];
      variants.push({ query: pinned, times });
    }
    for (const v of variants) {
      for (const t of v.times) {
        const p = await this.instantCheck(v.query, t, exp, `@-pinned ${v.query} at ${t}ms`);
        if (p) return p;
      }
      if (exp.fail || QUERY_CONTEXT.test(cmd.query)) continue;
      const p = await this.rangeCheck(v.query, at, exp);
      if (p) return p;
    }
    return undefined;
  }

  private async instantCheck(query: string, t: number, exp: Expectations, what: string): Promise<string | undefined> {
    let res: QueryResult;
    try {
      res = await this.engine.instantQuery(query, t);
    } catch (err) {
      if (exp.fail) return checkFailure(err, exp);
      return `${what}: unexpected error: ${(err as Error).message}`;
    }
    if (exp.fail) return `${what}: expected failure, got ${res.data.resultType}`;
    this.textProblem ??= annotationTextProblem(res, exp);
    const p = checkInstant(res, exp, t) ?? checkAnnotations(res, exp);
    return p ? `${what}: ${p}` : undefined;
  }

  private async rangeCheck(query: string, t: number, exp: Expectations): Promise<string | undefined> {
    let res: QueryResult;
    try {
      res = await this.engine.rangeQuery(query, t - 60_000, t + 60_000, 60_000);
    } catch (err) {
      return `range-mode ${query}: unexpected error: ${(err as Error).message}`;
    }
    if (res.data.resultType !== 'matrix') return `range-mode ${query}: got ${res.data.resultType}`;
    const mat = res.data.result;
    for (let i = 1; i < mat.length; i++) {
      if (compareLabelSets(mat[i - 1]!.metric, mat[i]!.metric) >= 0) return `range-mode ${query}: matrix not sorted`;
    }
    if (exp.ordered) return undefined;
    const at = mat.flatMap((s) => {
      const i = s.t.indexOf(t);
      return i < 0 ? [] : [{ metric: s.metric, f: s.f[i]! }];
    });
    let p: string | undefined;
    if (exp.scalar !== undefined) {
      p = at.length === 0 ? 'no point at t' : valuesEqual(exp.scalar, at[0]!.f) ? undefined : `expected ${exp.scalar}, got ${at[0]!.f}`;
    } else {
      p = checkVector(at, exp, t);
    }
    return p ? `range-mode ${query}: ${p}` : undefined;
  }

  private async runRange(cmd: Extract<EvalCommand, { mode: 'range' }>): Promise<string | undefined> {
    const exp = cmd.expect;
    let res: QueryResult;
    try {
      res = await this.engine.rangeQuery(cmd.query, cmd.start, cmd.end, cmd.step);
    } catch (err) {
      if (exp.fail) return checkFailure(err, exp);
      return `unexpected error: ${(err as Error).message}`;
    }
    if (exp.fail) return 'expected failure';
    if (res.data.resultType !== 'matrix') return `expected matrix, got ${res.data.resultType}`;
    this.textProblem = annotationTextProblem(res, exp);
    return checkMatrix(res.data.result, exp.series, cmd.start, cmd.step) ?? checkAnnotations(res, exp);
  }
}
