import type { Expr, ValueType } from './ast.js';
import { FUNCTIONS } from './function-signatures.js';

/** The value type an expression evaluates to. */
export function exprType(e: Expr): ValueType {
  switch (e.type) {
    case 'NumberLiteral': return 'scalar';
    case 'StringLiteral': return 'string';
    case 'VectorSelector': return 'vector';
    case 'MatrixSelector': case 'SubqueryExpr': return 'matrix';
    case 'ParenExpr': case 'UnaryExpr': return exprType(e.expr);
    case 'BinaryExpr': return exprType(e.lhs) === 'scalar' && exprType(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'AggregateExpr': return 'vector';
    case 'Call': return FUNCTIONS.get(e.func)?.returnType ?? 'vector';
  }
}

/** Parses a number literal as Prometheus does (Go ParseInt base 0, then ParseFloat). */
export function parseNumber(text: string): number | undefined {
  const t = text.replace(/^\+/, '');
  const neg = t.startsWith('-');
  const body = neg ? t.slice(1) : t;
  let v: number;
  const lower = body.toLowerCase();
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity') v = Infinity;
  else if (lower === 'nan') v = NaN;
  else if (/^0x[0-9a-f]+$/i.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[0-7]+$/.test(body)) v = parseInt(body, 8);
  else if (/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) v = Number(body);
  else return undefined;
  return neg ? -v : v;
}
