import { parseDuration } from './duration.js';
import { durationMs, evalDuration, isConstant, type DurationExpr } from './duration-expr.js';
import type { PositionRange } from './ast.js';
import { describe } from './parse-helpers.js';
import { parseNumber } from './expr-type.js';
import type { Token } from './lexer.js';

/** The parser's token access, as the duration-expression parser needs it. */
export interface TokenCursor {
  peek(k?: number): Token;
  next(): Token;
  expect(kind: Token['kind'], context: string): Token;
  fail(msg: string, at: PositionRange): never;
  /** A single duration or number-of-seconds token, in ms. */
  parseDurationToken(context: string): number;
}

/** A range or subquery step: a duration, a number of seconds, or a duration expression. */
export function parseDurationValue(p: TokenCursor, context: string): { ms: number; expr?: DurationExpr } {
  const t = p.peek();
  const after = p.peek(1).kind;
  if ((t.kind === 'duration' || t.kind === 'number') && (after === ']' || after === ':')) {
    return { ms: p.parseDurationToken(context) };
  }
  return folded(parseDurExpr(p, 0, context));
}

/** The operand of `offset`: a signed literal, a parenthesised expression or a duration function. */
export function parseOffsetValue(p: TokenCursor): { ms: number; expr?: DurationExpr } {
  let sign = 1;
  if (p.peek().kind === '-' || p.peek().kind === '+') sign = p.next().kind === '-' ? -1 : 1;
  const atom = parseDurAtom(p, 'offset');
  return folded(sign < 0 ? { kind: 'neg', expr: atom } : atom);
}

function folded(e: DurationExpr): { ms: number; expr?: DurationExpr } {
  return isConstant(e) ? { ms: durationMs(evalDuration(e, { step: 0, range: 0 })) } : { ms: 0, expr: e };
}

function parseDurExpr(p: TokenCursor, minPrec: number, context: string): DurationExpr {
  const prec = (k: string): number => (k === '+' || k === '-' ? 1 : k === '*' || k === '/' || k === '%' ? 2 : k === '^' ? 3 : 0);
  let lhs = parseDurUnary(p, context);
  for (;;) {
    const k = p.peek().kind;
    const level = prec(k);
    if (level === 0 || level < minPrec) return lhs;
    p.next();
    const rhs = parseDurExpr(p, k === '^' ? level : level + 1, context);
    lhs = { kind: 'bin', op: k as '+' | '-' | '*' | '/' | '%' | '^', lhs, rhs };
  }
}

function parseDurUnary(p: TokenCursor, context: string): DurationExpr {
  const k = p.peek().kind;
  if (k === '-' || k === '+') {
    p.next();
    const operand = parseDurExpr(p, 3, context);
    return k === '-' ? { kind: 'neg', expr: operand } : operand;
  }
  return parseDurAtom(p, context);
}

function parseDurAtom(p: TokenCursor, context: string): DurationExpr {
  const t = p.peek();
  if (t.kind === 'duration') {
    p.next();
    return { kind: 'num', seconds: parseDuration(t.text)! / 1000 };
  }
  if (t.kind === 'number') {
    p.next();
    return { kind: 'num', seconds: parseNumber(t.text)! };
  }
  if (t.kind === '(') {
    p.next();
    const e = parseDurExpr(p, 0, context);
    p.expect(')', `${context} duration expression`);
    return e;
  }
  if (t.kind === 'ident' && p.peek(1).kind === '(') {
    const name = t.text.toLowerCase();
    if (name === 'step' || name === 'range' || name === 'min_of' || name === 'max_of') {
      p.next();
      p.next();
      const args: DurationExpr[] = [];
      while (p.peek().kind !== ')') {
        args.push(parseDurExpr(p, 0, context));
        if (p.peek().kind === ',') p.next();
        else break;
      }
      p.expect(')', `${context} duration expression`);
      const want = name === 'step' || name === 'range' ? 0 : 2;
      if (args.length !== want) p.fail(`expected ${want} argument(s) in call to "${name}", got ${args.length}`, t);
      return { kind: 'call', name, args };
    }
  }
  p.fail(`unexpected ${describe(t)} in ${context}, expected duration`, t);
}
