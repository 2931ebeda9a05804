import type { Labels } from '@panoptes/storage';
import { COMPARISON_OPS, type BinaryExpr, type BinaryOp, type VectorMatching } from '../parser/ast.js';
import { PromQLEvalError } from '../errors.js';
import { dropMetricName, formatLabels, keepLabels, keyForLabels, keyWithoutLabels, labelsKey, METRIC_NAME, setLabel, getLabel } from './labels.js';
import type { EvalContext, EvalFn, Sample, StepValue } from './types.js';

/** Go's math.Pow special cases that differ from JavaScript's `**`. */
function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

/** Applies a float operator; for comparisons returns the lhs value and whether it holds. */
export function applyOp(op: BinaryOp, l: number, r: number): { value: number; keep: boolean } {
  switch (op) {
    case '+': return { value: l + r, keep: true };
    case '-': return { value: l - r, keep: true };
    case '*': return { value: l * r, keep: true };
    case '/': return { value: l / r, keep: true };
    case '%': return { value: l % r, keep: true };
    case '^': return { value: goPow(l, r), keep: true };
    case 'atan2': return { value: Math.atan2(l, r), keep: true };
    case '==': return { value: l, keep: l === r };
    case '!=': return { value: l, keep: l !== r };
    case '>': return { value: l, keep: l > r };
    case '<': return { value: l, keep: l < r };
    case '>=': return { value: l, keep: l >= r };
    case '<=': return { value: l, keep: l <= r };
    default: throw new PromQLEvalError(`BUG: operator ${op} on floats`);
  }
}

export function evalBinary(e: BinaryExpr, ctx: EvalContext, evaluate: EvalFn): StepValue {
  const lhs = evaluate(e.lhs, ctx);
  const rhs = evaluate(e.rhs, ctx);
  const isComparison = COMPARISON_OPS.has(e.op);
  if (lhs.kind === 'scalar' && rhs.kind === 'scalar') {
    return {
      kind: 'scalar',
      steps: lhs.steps.map((l, i) => {
        const { value, keep } = applyOp(e.op, l, rhs.steps.get(i));
        return isComparison ? (keep ? 1 : 0) : value;
      }),
    };
  }
  if (lhs.kind === 'vector' && rhs.kind === 'scalar') {
    return { kind: 'vector', steps: lhs.steps.map((vec, i) => vectorScalar(e, vec, rhs.steps.get(i), false)) };
  }
  if (lhs.kind === 'scalar' && rhs.kind === 'vector') {
    return { kind: 'vector', steps: rhs.steps.map((vec, i) => vectorScalar(e, vec, lhs.steps.get(i), true)) };
  }
  if (lhs.kind === 'vector' && rhs.kind === 'vector') {
    const m = e.matching!;
    return {
      kind: 'vector',
      steps: lhs.steps.map((l, i) => {
        const r = rhs.steps.get(i);
        switch (e.op) {
          case 'and': return vectorAnd(l, r, m);
          case 'or': return vectorOr(l, r, m);
          case 'unless': return vectorUnless(l, r, m);
          default: return vectorVector(e, l, r, m);
        }
      }),
    };
  }
  throw new PromQLEvalError(`BUG: binary ${e.op} on ${lhs.kind} and ${rhs.kind}`);
}

function vectorScalar(e: BinaryExpr, vec: Sample[], scalar: number, scalarLeft: boolean): Sample[] {
  const out: Sample[] = [];
  const isComparison = COMPARISON_OPS.has(e.op);
  for (const s of vec) {
    const l = scalarLeft ? scalar : s.f;
    const r = scalarLeft ? s.f : scalar;
    let { value, keep } = applyOp(e.op, l, r);
    // In a comparison the vector element's value is kept, even on the right.
    if (isComparison && scalarLeft) value = r;
    if (e.returnBool) {
      out.push({ metric: s.metric, f: keep ? 1 : 0, dropName: true });
    } else if (keep) {
      out.push({ metric: s.metric, f: value, dropName: isComparison ? s.dropName : true });
    }
  }
  return out;
}

/** Matching signature of a label set; cached per label-set object, which recurs at every step. */
function signatureFn(m: VectorMatching): (ls: Labels) => string {
  const names = new Set(m.matchingLabels);
  const compute = m.on ? (ls: Labels) => keyForLabels(ls, names) : (ls: Labels) => keyWithoutLabels(ls, names);
  let cache = signatureCaches.get(m);
  if (!cache) {
    cache = new WeakMap();
    signatureCaches.set(m, cache);
  }
  const c = cache;
  return (ls) => {
    let k = c.get(ls);
    if (k === undefined) {
      k = compute(ls);
      c.set(ls, k);
    }
    return k;
  };
}

const signatureCaches = new WeakMap<VectorMatching, WeakMap<Labels, string>>();
const resultCaches = new WeakMap<VectorMatching, { arith: WeakMap<Labels, WeakMap<Labels, Labels>>; cmp: WeakMap<Labels, WeakMap<Labels, Labels>> }>();

function vectorAnd(l: Sample[], r: Sample[], m: VectorMatching): Sample[] {
  if (l.length === 0 || r.length === 0) return [];
  const sig = signatureFn(m);
  const right = new Set(r.map((s) => sig(s.metric)));
  return l.filter((s) => right.has(sig(s.metric)));
}

function vectorOr(l: Sample[], r: Sample[], m: VectorMatching): Sample[] {
  if (l.length === 0) return r;
  if (r.length === 0) return l;
  const sig = signatureFn(m);
  const left = new Set(l.map((s) => sig(s.metric)));
  return [...l, ...r.filter((s) => !left.has(sig(s.metric)))];
}

function vectorUnless(l: Sample[], r: Sample[], m: VectorMatching): Sample[] {
  if (l.length === 0 || r.length === 0) return l;
  const sig = signatureFn(m);
  const right = new Set(r.map((s) => sig(s.metric)));
  return l.filter((s) => !right.has(sig(s.metric)));
}

function matchedLabels(ls: Labels, m: VectorMatching): Labels {
  const names = new Set(m.matchingLabels);
  return m.on ? keepLabels(ls, names) : ls.filter((l) => !names.has(l.name) && l.name !== METRIC_NAME);
}

function vectorVector(e: BinaryExpr, lhsIn: Sample[], rhsIn: Sample[], m: VectorMatching): Sample[] {
  const filling = m.fillLeft !== undefined || m.fillRight !== undefined;
  if (!filling && (lhsIn.length === 0 || rhsIn.length === 0)) return [];
  const sig = signatureFn(m);
  const oneToMany = m.card === 'one-to-many';
  const lhs = oneToMany ? rhsIn : lhsIn;
  const rhs = oneToMany ? lhsIn : rhsIn;
  const rightSigs = new Map<string, Sample>();
  for (const rs of rhs) {
    const k = sig(rs.metric);
    const dup = rightSigs.get(k);
    if (dup) {
      const side = oneToMany ? 'left' : 'right';
      throw new PromQLEvalError(
        `found duplicate series for the match group ${formatLabels(matchedLabels(rs.metric, m))} on the ${side} hand-side of the operation: ` +
          `[${formatLabels(dup.metric)}, ${formatLabels(rs.metric)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    rightSigs.set(k, rs);
  }
  const isComparison = COMPARISON_OPS.has(e.op);
  const matched = new Map<string, Set<string> | null>();
  const out: Sample[] = [];
  const emit = (metric: Labels, fl: number, fr: number, lhsDropName: boolean): void => {
    let { value, keep } = applyOp(e.op, fl, fr);
    if (e.returnBool) value = keep ? 1 : 0;
    else if (!keep) return;
    out.push({ metric, f: value, dropName: e.returnBool || !isComparison || lhsDropName });
  };
  for (const ls of lhs) {
    const k = sig(ls.metric);
    const rs = rightSigs.get(k);
    if (!rs) {
      // fill_right: the missing sample of the (possibly swapped) right side.
      if (m.fillRight !== undefined) {
        const metric = resultMetric(ls.metric, [], m, !isComparison);
        if (oneToMany) emit(metric, m.fillRight, ls.f, true);
        else emit(metric, ls.f, m.fillRight, ls.dropName);
        matched.set(k, matched.get(k) ?? null);
      }
      continue;
    }
    const fl = oneToMany ? rs.f : ls.f;
    const fr = oneToMany ? ls.f : rs.f;
    let { value, keep } = applyOp(e.op, fl, fr);
    if (e.returnBool) value = keep ? 1 : 0;
    const metric = cachedResultMetric(ls.metric, rs.metric, m, !isComparison);
    const inserted = matched.get(k);
    if (m.card === 'one-to-one') {
      if (inserted !== undefined) {
        throw new PromQLEvalError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      }
      matched.set(k, null);
    } else {
      const ik = labelsKey(metric);
      if (inserted === undefined || inserted === null) {
        matched.set(k, new Set([ik]));
      } else if (inserted.has(ik)) {
        throw new PromQLEvalError('multiple matches for labels: grouping labels must ensure unique matches');
      } else {
        inserted.add(ik);
      }
    }
    // Matches are checked for uniqueness before a comparison filters them.
    if (!keep && !e.returnBool) continue;
    out.push({ metric, f: value, dropName: e.returnBool || !isComparison || ls.dropName });
  }
  if (m.fillLeft !== undefined) {
    // fill_left: one result per unmatched match group of the right side, labelled by the group.
    for (const [k, rs] of rightSigs) {
      if (matched.has(k)) continue;
      const metric = matchedLabels(rs.metric, m);
      if (oneToMany) emit(metric, rs.f, m.fillLeft, true);
      else emit(metric, m.fillLeft, rs.f, true);
    }
  }
  return out;
}

/** resultMetric per (lhs, rhs) label-set pair, so every step shares the output labels. */
function cachedResultMetric(lhs: Labels, rhs: Labels, m: VectorMatching, arithmetic: boolean): Labels {
  let caches = resultCaches.get(m);
  if (!caches) {
    caches = { arith: new WeakMap(), cmp: new WeakMap() };
    resultCaches.set(m, caches);
  }
  const byLhs = arithmetic ? caches.arith : caches.cmp;
  let byRhs = byLhs.get(lhs);
  if (!byRhs) {
    byRhs = new WeakMap();
    byLhs.set(lhs, byRhs);
  }
  let out = byRhs.get(rhs);
  if (!out) {
    out = resultMetric(lhs, rhs, m, arithmetic);
    byRhs.set(rhs, out);
  }
  return out;
}

function resultMetric(lhs: Labels, rhs: Labels, m: VectorMatching, arithmetic: boolean): Labels {
  let out: Labels = arithmetic ? dropMetricName(lhs) : lhs;
  if (m.card === 'one-to-one') {
    const names = new Set(m.matchingLabels);
    out = m.on ? out.filter((l) => names.has(l.name)) : out.filter((l) => !names.has(l.name));
  }
  for (const name of m.include) out = setLabel(out, name, getLabel(rhs, name));
  return out;
}
