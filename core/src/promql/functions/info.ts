import type { Labels, Series } from '@panoptes/storage';
import type { Call, Expr, Matcher, SubqueryExpr, VectorSelector } from '../parser/ast.js';
import { compileMatcherRegex } from '../parser/regex.js';
import { PromQLEvalError } from '../errors.js';
import { LookbackCursor } from '../engine/cursors.js';
import { getLabel, METRIC_NAME, setLabel } from '../engine/labels.js';
import { resolveAt } from '../engine/evaluator.js';
import { Steps } from '../engine/steps.js';
import type { EvalContext, EvalFn, Sample, StepValue } from '../engine/types.js';

/**
 * info(v, {selector}) (experimental in Prometheus): adds the data labels of
 * info metrics (`target_info` by default) that share the identifying labels
 * `instance` and `job` with each series of v.
 */

const IDENTIFYING = ['instance', 'job'];

/** What the parser's second argument becomes: the info series to select and the data-label matchers. */
interface InfoPlan {
  readonly selector: VectorSelector;
  readonly nameMatchers: readonly Matcher[];
  readonly dataMatchers: readonly Matcher[];
}

const plans = new WeakMap<Call, InfoPlan>();

function matches(m: Matcher, value: string): boolean {
  switch (m.type) {
    case '=': return value === m.value;
    case '!=': return value !== m.value;
    case '=~': return compileMatcherRegex(m.value).test(value);
    case '!~': return !compileMatcherRegex(m.value).test(value);
  }
}

/**
 * Rewrites an info() call before series are selected: its second argument
 * selects the info series (name matchers default to `target_info`, or to
 * `.+_info` when only negative ones are given).
 */
export function planInfoCall(e: Call): void {
  const given = e.args[1]?.type === 'VectorSelector' ? e.args[1] : undefined;
  const all = given?.matchers ?? [];
  const nameMatchers = all.filter((m) => m.name === METRIC_NAME);
  const dataMatchers = all.filter((m) => m.name !== METRIC_NAME);
  const positive = nameMatchers.some((m) => m.type === '=' || m.type === '=~');
  const selectorMatchers: Matcher[] = [...nameMatchers, ...dataMatchers];
  if (!positive) selectorMatchers.unshift(nameMatchers.length === 0 ? { type: '=', name: METRIC_NAME, value: 'target_info' } : { type: '=~', name: METRIC_NAME, value: '.+_info' });
  const selector: VectorSelector = { type: 'VectorSelector', name: '', matchers: selectorMatchers, offset: 0, at: undefined, pos: given?.pos ?? e.pos };
  (e.args as Expr[])[1] = selector;
  plans.set(e, { selector, nameMatchers: selectorMatchers.filter((m) => m.name === METRIC_NAME), dataMatchers });
}

/** The data time the base argument reads at each step, following its @ and offset modifiers. */
function baseReferenceTimes(arg: Expr, ctx: EvalContext): number[] {
  const fns: ((t: number) => number)[] = [];
  let e: Expr | undefined = arg;
  while (e) {
    switch (e.type) {
      case 'VectorSelector': {
        const vs: VectorSelector = e;
        fns.push((t) => (vs.at ? resolveAt(vs.at, ctx) : t) - vs.offset);
        e = undefined;
        break;
      }
      case 'MatrixSelector': {
        const vs = e.vector;
        fns.push((t) => (vs.at ? resolveAt(vs.at, ctx) : t) - vs.offset);
        e = undefined;
        break;
      }
      case 'SubqueryExpr': {
        const sq: SubqueryExpr = e;
        fns.push((t) => (sq.at ? resolveAt(sq.at, ctx) : t) - sq.offset);
        e = sq.expr;
        break;
      }
      case 'ParenExpr': case 'UnaryExpr':
        e = e.expr;
        break;
      case 'Call':
        e = e.args.find((a) => a.type !== 'StringLiteral' && a.type !== 'NumberLiteral');
        break;
      case 'AggregateExpr':
        e = e.expr;
        break;
      case 'BinaryExpr':
        e = e.lhs.type === 'NumberLiteral' ? e.rhs : e.lhs;
        break;
      default:
        e = undefined;
    }
  }
  return ctx.times.map((t) => fns.reduce((acc, f) => f(acc), t));
}

export function evalInfo(e: Call, ctx: EvalContext, evaluate: EvalFn): StepValue {
  const plan = plans.get(e);
  if (!plan) throw new PromQLEvalError('BUG: info() call was not planned');
  const base = evaluate(e.args[0]!, ctx);
  if (base.kind !== 'vector') throw new PromQLEvalError('BUG: info() over a non-vector');
  const infoSeries: Series[] = ctx.selected.get(plan.selector) ?? [];
  const cursors = infoSeries.map((s) => new LookbackCursor(s.iterator(), ctx.lookback));
  const refs = baseReferenceTimes(e.args[0]!, ctx);
  const needsMatch = plan.dataMatchers.some((m) => !matches(m, ''));
  const dataNames = new Set(plan.dataMatchers.map((m) => m.name));
  const isInfoMetric = (ls: Labels): boolean => {
    const name = getLabel(ls, METRIC_NAME);
    return name !== '' && plan.nameMatchers.every((m) => matches(m, name));
  };
  return {
    kind: 'vector',
    steps: base.steps.map((vec, i) => {
      // Info series present at this step's reference time, by identifying labels.
      const present: { labels: Labels; t: number }[] = [];
      for (let k = 0; k < cursors.length; k++) {
        const c = cursors[k]!;
        if (c.valueAt(refs[i]!) !== undefined) present.push({ labels: infoSeries[k]!.labels, t: c.lastT });
      }
      const out: Sample[] = [];
      for (const s of vec) {
        if (isInfoMetric(s.metric)) {
          out.push(s);
          continue;
        }
        const ids = IDENTIFYING.filter((l) => getLabel(s.metric, l) !== '');
        const matched = ids.length === 0 ? [] : present.filter((p) => IDENTIFYING.every((l) => getLabel(p.labels, l) === getLabel(s.metric, l)));
        if (matched.length === 0) {
          if (!needsMatch) out.push(s);
          continue;
        }
        const chosen = new Map<string, { value: string; metric: string; t: number }>();
        for (const p of matched) {
          const metric = getLabel(p.labels, METRIC_NAME);
          for (const l of p.labels) {
            if (l.name === METRIC_NAME || IDENTIFYING.includes(l.name)) continue;
            if (dataNames.size > 0 && !dataNames.has(l.name)) continue;
            const prev = chosen.get(l.name);
            if (!prev || (prev.metric === metric && p.t > prev.t)) {
              chosen.set(l.name, { value: l.value, metric, t: p.t });
            } else if (prev.value !== l.value && prev.metric !== metric) {
              throw new PromQLEvalError(`conflicting label: ${l.name} has values ${JSON.stringify(prev.value)} (from ${prev.metric}) and ${JSON.stringify(l.value)} (from ${metric})`);
            }
          }
        }
        let metric = s.metric;
        for (const [name, c] of chosen) if (getLabel(metric, name) === '') metric = setLabel(metric, name, c.value);
        out.push({ metric, f: s.f, dropName: s.dropName });
      }
      return out;
    }),
  };
}
