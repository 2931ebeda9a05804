import { parseExpr, type Expr, type Matcher } from '../../core/src/promql/parser/index.js';
import type { QueryFunc, QuerySample } from '../../core/src/rules/types.js';

/**
 * A test-only PromQL evaluator over fixed series, enough for rule tests:
 * instant selectors with the 5-minute lookback, number literals, and binary
 * operators between a vector and a scalar (comparisons filter and keep the
 * metric name; arithmetic drops it). It stands in for the engine so rule
 * behaviour is tested on its own; anything else throws.
 */
export interface FakeSeries {
  readonly labels: Record<string, string>;
  /** [ms, value] in increasing time order. */
  readonly samples: readonly (readonly [number, number])[];
}

const LOOKBACK = 300_000;

function matches(m: Matcher, labels: Record<string, string>): boolean {
  const v = labels[m.name] ?? '';
  switch (m.type) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return new RegExp(`^(?:${m.value})$`, 's').test(v);
    case '!~':
      return !new RegExp(`^(?:${m.value})$`, 's').test(v);
  }
}

type Value = { kind: 'scalar'; v: number } | { kind: 'vector'; samples: QuerySample[] };

const CMP: Record<string, (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
};
const ARITH: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};

export function fakeQuery(series: readonly FakeSeries[]): QueryFunc {
  const evalAt = (e: Expr, t: number): Value => {
    switch (e.type) {
      case 'NumberLiteral':
        return { kind: 'scalar', v: e.value };
      case 'ParenExpr':
        return evalAt(e.expr, t);
      case 'VectorSelector': {
        const out: QuerySample[] = [];
        for (const s of series) {
          if (!e.matchers.every((m) => matches(m, s.labels))) continue;
          let last: readonly [number, number] | undefined;
          for (const p of s.samples) if (p[0] <= t && p[0] > t - LOOKBACK) last = p;
          if (last && !Number.isNaN(last[1])) out.push({ labels: s.labels, value: last[1] });
        }
        return { kind: 'vector', samples: out };
      }
      case 'BinaryExpr': {
        const l = evalAt(e.lhs, t);
        const r = evalAt(e.rhs, t);
        if (l.kind !== 'vector' || r.kind !== 'scalar') throw new Error(`fake query: unsupported binary expression`);
        const cmp = CMP[e.op];
        if (cmp) return { kind: 'vector', samples: l.samples.filter((s) => cmp(s.value, r.v)) };
        const op = ARITH[e.op];
        if (!op) throw new Error(`fake query: unsupported operator ${e.op}`);
        return {
          kind: 'vector',
          samples: l.samples.map((s) => {
            const { __name__: _drop, ...labels } = s.labels;
            return { labels, value: op(s.value, r.v) };
          }),
        };
      }
      default:
        throw new Error(`fake query: unsupported expression ${e.type}`);
    }
  };
  return async (expr, at) => {
    const v = evalAt(parseExpr(expr), at);
    return v.kind === 'scalar' ? [{ labels: {}, value: v.v }] : v.samples;
  };
}
