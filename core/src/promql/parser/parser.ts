import {
  COMPARISON_OPS, PARAM_AGGREGATIONS, SET_OPS,
  type AggregateExpr, type AggregateOp, type AtModifier, type BinaryExpr, type BinaryOp,
  type Expr, type Matcher, type MatcherType, type PositionRange, type ValueType,
  type VectorMatching, type VectorSelector,
} from './ast.js';
import { parseDuration } from './duration.js';
import type { DurationExpr } from './duration-expr.js';
import { parseDurationValue, parseOffsetValue, type TokenCursor } from './duration-expr-parser.js';
import { exprType, parseNumber } from './expr-type.js';
import { describe, matchesEmpty } from './parse-helpers.js';
import { PromQLParseError } from './errors.js';
import { FUNCTIONS, typeName } from './function-signatures.js';
import { lex, type Token } from './lexer.js';
import { compileMatcherRegex } from './regex.js';

const AGGREGATIONS: ReadonlySet<string> = new Set([
  'sum', 'avg', 'count', 'min', 'max', 'stddev', 'stdvar', 'group',
  'topk', 'bottomk', 'quantile', 'count_values', 'limitk', 'limit_ratio',
]);

const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1, and: 2, unless: 2,
  '==': 3, '!=': 3, '>': 3, '<': 3, '>=': 3, '<=': 3,
  '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, atan2: 5, '^': 6,
};

export { exprType, parseNumber } from './expr-type.js';

/** Parses a PromQL expression and checks its types; throws PromQLParseError. */
export function parseExpr(input: string): Expr {
  try {
    return new Parser(input).parseQuery();
  } catch (err) {
    // Absurdly deep nesting exhausts the stack: report it as bad input, not a crash.
    if (err instanceof RangeError) throw new PromQLParseError('expression nesting is too deep', { start: 0, end: input.length }, input);
    throw err;
  }
}


class Parser implements TokenCursor {
  private readonly tokens: Token[];
  private i = 0;
  /** Inside info()'s arguments, whose selector may match the empty string everywhere. */
  private infoArgDepth = 0;

  constructor(private readonly input: string) {
    this.tokens = lex(input);
  }

  parseQuery(): Expr {
    if (this.peek().kind === 'eof') this.fail('no expression found in input', this.peek());
    const e = this.parseBinary(0);
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(`unexpected ${describe(t)}`, t);
    this.check(e);
    return e;
  }

  // ---- tokens ----

  peek(k = 0): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  expect(kind: Token['kind'], context: string): Token {
    const t = this.peek();
    if (t.kind !== kind) this.fail(`unexpected ${describe(t)} in ${context}, expected "${kind}"`, t);
    return this.next();
  }

  private isIdent(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && t.text.toLowerCase() === word;
  }

  fail(msg: string, at: PositionRange): never {
    throw new PromQLParseError(msg, { start: at.start, end: at.end }, this.input);
  }

  // ---- expressions ----

  private binaryOpAt(): BinaryOp | undefined {
    const t = this.peek();
    switch (t.kind) {
      case '+': case '-': case '*': case '/': case '%': case '^':
      case '==': case '!=': case '>': case '<': case '>=': case '<=':
        return t.kind;
      case 'ident': {
        const w = t.text.toLowerCase();
        if (w === 'and' || w === 'or' || w === 'unless' || w === 'atan2') return w;
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private parseBinary(minPrec: number): Expr {
    let lhs = this.parseUnary();
    for (;;) {
      const op = this.binaryOpAt();
      if (op === undefined || PRECEDENCE[op] < minPrec) return lhs;
      const opTok = this.next();
      let returnBool = false;
      if (this.isIdent('bool')) {
        this.next();
        returnBool = true;
      }
      const matching = this.parseMatching(op);
      const nextMin = op === '^' ? PRECEDENCE[op] : PRECEDENCE[op] + 1;
      const rhs = this.parseBinary(nextMin);
      lhs = this.makeBinary(op, opTok, lhs, rhs, returnBool, matching);
    }
  }

  private parseMatching(op: BinaryOp): {
    on: boolean; labels: string[]; card?: 'many-to-one' | 'one-to-many'; include: string[]; given: boolean; fillLeft?: number; fillRight?: number;
  } {
    const res = { on: false, labels: [] as string[], include: [] as string[], given: false } as {
      on: boolean; labels: string[]; card?: 'many-to-one' | 'one-to-many'; include: string[]; given: boolean;
      fillLeft?: number; fillRight?: number;
    };
    if (this.isIdent('on') || this.isIdent('ignoring')) {
      res.on = this.next().text.toLowerCase() === 'on';
      res.labels = this.parseLabelList();
      res.given = true;
      if (this.isIdent('group_left') || this.isIdent('group_right')) {
        const g = this.next();
        res.card = g.text.toLowerCase() === 'group_left' ? 'many-to-one' : 'one-to-many';
        if (this.peek().kind === '(') res.include = this.parseLabelList();
        if (SET_OPS.has(op)) this.fail(`no grouping allowed for "${op}" operation`, g);
      }
    }
    // Experimental fill modifiers: `fill(v)`, `fill_left(v)`, `fill_right(v)`.
    while ((this.isIdent('fill') || this.isIdent('fill_left') || this.isIdent('fill_right')) && this.peek(1).kind === '(') {
      const kw = this.next();
      this.next();
      let sign = 1;
      if (this.peek().kind === '-' || this.peek().kind === '+') sign = this.next().kind === '-' ? -1 : 1;
      const n = this.peek();
      if (n.kind !== 'number') this.fail(`unexpected ${describe(n)} in fill modifier, expected number`, n);
      this.next();
      this.expect(')', 'fill modifier');
      const v = sign * parseNumber(n.text)!;
      const w = kw.text.toLowerCase();
      if (w !== 'fill_right') res.fillLeft = v;
      if (w !== 'fill_left') res.fillRight = v;
      res.given = true;
      if (SET_OPS.has(op)) this.fail(`fill modifiers are not allowed for "${op}" operation`, kw);
    }
    return res;
  }

  private makeBinary(
    op: BinaryOp, opTok: Token, lhs: Expr, rhs: Expr, returnBool: boolean,
    m: { on: boolean; labels: string[]; card?: 'many-to-one' | 'one-to-many'; include: string[]; given: boolean; fillLeft?: number; fillRight?: number },
  ): BinaryExpr {
    const pos = { start: lhs.pos.start, end: rhs.pos.end };
    const lt = exprType(lhs);
    const rt = exprType(rhs);
    const bothVectors = lt === 'vector' && rt === 'vector';
    let matching: VectorMatching | undefined;
    if (bothVectors) {
      matching = {
        card: m.card ?? (SET_OPS.has(op) ? 'many-to-many' : 'one-to-one'),
        matchingLabels: m.labels,
        on: m.on,
        include: m.include,
        ...(m.fillLeft !== undefined ? { fillLeft: m.fillLeft } : {}),
        ...(m.fillRight !== undefined ? { fillRight: m.fillRight } : {}),
      };
    } else if (m.given) {
      this.fail('vector matching only allowed between instant vectors', pos);
    }
    if (returnBool && !COMPARISON_OPS.has(op)) this.fail('bool modifier can only be used on comparisons', opTok);
    if ((lt !== 'scalar' && lt !== 'vector') || (rt !== 'scalar' && rt !== 'vector')) {
      this.fail('binary expression must contain only scalar and instant vector types', pos);
    }
    if (lt === 'scalar' && rt === 'scalar' && COMPARISON_OPS.has(op) && !returnBool) {
      this.fail('comparisons between scalars must use BOOL modifier', opTok);
    }
    if (SET_OPS.has(op) && (lt === 'scalar' || rt === 'scalar')) {
      this.fail(`set operator "${op}" not allowed in binary scalar expression`, pos);
    }
    if (matching && matching.on && matching.card !== 'one-to-one' && matching.card !== 'many-to-many') {
      for (const l of matching.include) {
        if (matching.matchingLabels.includes(l)) this.fail(`label "${l}" must not occur in ON and GROUP clause at once`, pos);
      }
    }
    return { type: 'BinaryExpr', op, lhs, rhs, returnBool, matching, pos };
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (t.kind === '-' || t.kind === '+') {
      this.next();
      const operand = this.parseBinary(PRECEDENCE['^']);
      const ot = exprType(operand);
      if (ot !== 'scalar' && ot !== 'vector') {
        this.fail('unary expression only allowed on expressions of type scalar or instant vector', { start: t.start, end: operand.pos.end });
      }
      const pos = { start: t.start, end: operand.pos.end };
      if (operand.type === 'NumberLiteral') {
        return { type: 'NumberLiteral', value: t.kind === '-' ? -operand.value : operand.value, pos };
      }
      return { type: 'UnaryExpr', op: t.kind, expr: operand, pos };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number': {
        this.next();
        const v = parseNumber(t.text);
        if (v === undefined) this.fail(`bad number syntax: "${t.text}"`, t);
        return { type: 'NumberLiteral', value: v, pos: { start: t.start, end: t.end } };
      }
      case 'duration': {
        // A duration used as a number means its length in seconds.
        this.next();
        return { type: 'NumberLiteral', value: parseDuration(t.text)! / 1000, pos: { start: t.start, end: t.end } };
      }
      case 'string':
        this.next();
        return { type: 'StringLiteral', value: t.text, pos: { start: t.start, end: t.end } };
      case '(': {
        this.next();
        const e = this.parseBinary(0);
        const close = this.peek();
        if (close.kind === 'eof') this.fail('unclosed left parenthesis', close);
        if (close.kind !== ')') this.fail(`unexpected ${describe(close)}, expected ")"`, close);
        this.next();
        return { type: 'ParenExpr', expr: e, pos: { start: t.start, end: close.end } };
      }
      case '{':
        return this.parseSelector(undefined);
      case 'ident': {
        const word = t.text;
        const lower = word.toLowerCase();
        const nextKind = this.peek(1).kind;
        if (AGGREGATIONS.has(lower) && (nextKind === '(' || this.isIdent('by', 1) || this.isIdent('without', 1))) {
          return this.parseAggregation();
        }
        if (nextKind === '(') {
          if (!FUNCTIONS.has(word)) this.fail(`unknown function with name "${word}"`, t);
          return this.parseCall();
        }
        if (['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'atan2'].includes(lower)) {
          this.fail(`unexpected ${describe(t)}`, t);
        }
        this.next();
        return this.parseSelector(t);
      }
      case 'eof':
        this.fail('unexpected end of input', t);
      // eslint-disable-next-line no-fallthrough
      case ')':
        this.fail("unexpected right parenthesis ')'", { start: t.end, end: t.end });
      // eslint-disable-next-line no-fallthrough
      default:
        this.fail(`unexpected ${describe(t)}`, t);
    }
  }

  private parseSelector(nameTok: Token | undefined): VectorSelector {
    const matchers: Matcher[] = [];
    let name = nameTok?.text ?? '';
    const start = nameTok?.start ?? this.peek().start;
    let end = nameTok?.end ?? start;
    if (this.peek().kind === '{') {
      this.next();
      for (;;) {
        const t = this.peek();
        if (t.kind === '}') {
          end = this.next().end;
          break;
        }
        if (t.kind === 'eof') this.fail('unexpected end of input inside braces', t);
        if (t.kind !== 'ident' && t.kind !== 'string') {
          this.fail(`unexpected ${describe(t)} in label matching, expected label`, t);
        }
        this.next();
        const opTok = this.peek();
        if (t.kind === 'string' && (opTok.kind === ',' || opTok.kind === '}')) {
          // `{"metric.name"}`: a quoted metric name.
          if (name !== '') this.fail(`metric name must not be set twice: "${name}" or "${t.text}"`, t);
          name = t.text;
          matchers.push({ type: '=', name: '__name__', value: t.text });
        } else {
          if (!['=', '!=', '=~', '!~'].includes(opTok.kind)) {
            this.fail(`unexpected ${describe(opTok)} in label matching, expected label matching operator`, opTok);
          }
          this.next();
          const valTok = this.peek();
          if (valTok.kind !== 'string') this.fail(`unexpected ${describe(valTok)} in label matching, expected string`, valTok);
          this.next();
          const m: Matcher = { type: opTok.kind as MatcherType, name: t.text, value: valTok.text };
          if (m.type === '=~' || m.type === '!~') {
            try {
              compileMatcherRegex(m.value);
            } catch (err) {
              this.fail(`error parsing regexp: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`, t);
            }
          }
          matchers.push(m);
        }
        const sep = this.peek();
        if (sep.kind === ',') {
          this.next();
          continue;
        }
        if (sep.kind === 'eof') this.fail('unexpected end of input inside braces', sep);
        if (sep.kind !== '}') this.fail(`unexpected ${describe(sep)} in label matching, expected "," or "}"`, sep);
      }
    }
    const pos = { start, end };
    if (nameTok) {
      for (const m of matchers) {
        if (m.name === '__name__') this.fail(`metric name must not be set twice: "${nameTok.text}" or "${m.value}"`, pos);
      }
      matchers.unshift({ type: '=', name: '__name__', value: nameTok.text });
    } else if (name === '') {
      const eq = matchers.find((m) => m.name === '__name__' && m.type === '=');
      if (eq) name = eq.value;
    }
    if (this.infoArgDepth === 0 && !matchers.some((m) => !matchesEmpty(m))) {
      this.fail('vector selector must contain at least one non-empty matcher', pos);
    }
    return { type: 'VectorSelector', name, matchers, offset: 0, at: undefined, pos };
  }

  private parseLabelList(): string[] {
    const open = this.peek();
    if (open.kind !== '(') this.fail(`unexpected ${describe(open)} in grouping opts, expected "("`, open);
    this.next();
    const labels: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === ')') {
        this.next();
        return labels;
      }
      if (t.kind !== 'ident' && t.kind !== 'string') this.fail(`unexpected ${describe(t)} in grouping opts, expected label`, t);
      if (t.kind === 'ident' && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(t.text)) {
        this.fail(`unexpected ${describe(t)} in grouping opts, expected label`, t);
      }
      labels.push(t.text);
      this.next();
      const sep = this.peek();
      if (sep.kind === ',') {
        this.next();
        continue;
      }
      if (sep.kind !== ')') this.fail(`unexpected ${describe(sep)} in grouping opts, expected "," or ")"`, sep);
    }
  }

  private parseArgs(): { args: Expr[]; end: number } {
    this.expect('(', 'function call');
    const args: Expr[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === ')') {
        this.next();
        return { args, end: t.end };
      }
      args.push(this.parseBinary(0));
      const sep = this.peek();
      if (sep.kind === ',') {
        this.next();
        continue;
      }
      if (sep.kind === 'eof') this.fail('unclosed left parenthesis', sep);
      if (sep.kind !== ')') this.fail(`unexpected ${describe(sep)} in argument list, expected "," or ")"`, sep);
    }
  }

  private parseCall(): Expr {
    const nameTok = this.next();
    if (nameTok.text === 'info') this.infoArgDepth++;
    let parsed: { args: Expr[]; end: number };
    try {
      parsed = this.parseArgs();
    } finally {
      if (nameTok.text === 'info') this.infoArgDepth--;
    }
    const { args, end } = parsed;
    const pos = { start: nameTok.start, end };
    const sig = FUNCTIONS.get(nameTok.text)!;
    const nargs = sig.argTypes.length;
    if (sig.variadic === 0) {
      if (nargs !== args.length) this.fail(`expected ${nargs} argument(s) in call to "${sig.name}", got ${args.length}`, pos);
    } else {
      const min = nargs - 1;
      if (min > args.length) this.fail(`expected at least ${min} argument(s) in call to "${sig.name}", got ${args.length}`, pos);
      if (sig.variadic > 0 && min + sig.variadic < args.length) {
        this.fail(`expected at most ${min + sig.variadic} argument(s) in call to "${sig.name}", got ${args.length}`, pos);
      }
    }
    args.forEach((a, idx) => {
      const want = sig.argTypes[Math.min(idx, nargs - 1)]!;
      const got = exprType(a);
      if (got !== want) this.fail(`expected type ${typeName(want)} in call to function "${sig.name}", got ${typeName(got)}`, a.pos);
    });
    return { type: 'Call', func: sig.name, args, pos };
  }

  private parseAggregation(): AggregateExpr {
    const opTok = this.next();
    const op = opTok.text.toLowerCase() as AggregateOp;
    let grouping: string[] = [];
    let without = false;
    let groupingGiven = false;
    if (this.isIdent('by') || this.isIdent('without')) {
      without = this.next().text.toLowerCase() === 'without';
      grouping = this.parseLabelList();
      groupingGiven = true;
    }
    const { args, end: argsEnd } = this.parseArgs();
    let end = argsEnd;
    if (this.isIdent('by') || this.isIdent('without')) {
      if (groupingGiven) this.fail('aggregation must only contain one grouping clause', this.peek());
      without = this.next().text.toLowerCase() === 'without';
      grouping = this.parseLabelList();
      end = this.tokens[this.i - 1]!.end;
    }
    const pos = { start: opTok.start, end };
    const wantArgs = PARAM_AGGREGATIONS.has(op) ? 2 : 1;
    if (args.length !== wantArgs) {
      this.fail(`wrong number of arguments for aggregate expression provided, expected ${wantArgs}, got ${args.length}`, pos);
    }
    const expr = args[wantArgs - 1]!;
    const param = wantArgs === 2 ? args[0] : undefined;
    if (exprType(expr) !== 'vector') {
      this.fail(`expected type instant vector in aggregation expression, got ${typeName(exprType(expr))}`, expr.pos);
    }
    if (param) {
      const want: ValueType = op === 'count_values' ? 'string' : 'scalar';
      if (exprType(param) !== want) {
        this.fail(`expected type ${typeName(want)} in aggregation parameter, got ${typeName(exprType(param))}`, param.pos);
      }
    }
    return { type: 'AggregateExpr', op, expr, param, grouping, without, pos };
  }

  parseDurationToken(context: string): number {
    const t = this.peek();
    if (t.kind === 'duration') {
      this.next();
      return parseDuration(t.text)!;
    }
    if (t.kind === 'number') {
      this.next();
      const v = parseNumber(t.text);
      if (v === undefined || !Number.isFinite(v)) this.fail(`invalid duration "${t.text}"`, t);
      return Math.round(v * 1000);
    }
    this.fail(`unexpected ${describe(t)} in ${context}, expected duration`, t);
  }

  private parsePostfix(e: Expr): Expr {
    for (;;) {
      const t = this.peek();
      if (t.kind === '[') {
        e = this.parseRangeOrSubquery(e);
      } else if (this.isIdent('offset')) {
        this.next();
        const d = parseOffsetValue(this);
        e = this.applyOffset(e, d.ms, t, d.expr);
      } else if (t.kind === '@') {
        this.next();
        e = this.applyAt(e, this.parseAt(), t);
      } else if ((this.isIdent('anchored') || this.isIdent('smoothed')) && (e.type === 'VectorSelector' || e.type === 'MatrixSelector')) {
        const kw = this.next().text.toLowerCase();
        const vs = e.type === 'MatrixSelector' ? e.vector : e;
        if (vs.anchored || vs.smoothed) this.fail('anchored and smoothed may be set only once', t);
        if (kw === 'anchored') vs.anchored = true;
        else vs.smoothed = true;
        e = { ...e, pos: { start: e.pos.start, end: t.end } } as Expr;
      } else {
        return e;
      }
    }
  }

  private parseAt(): AtModifier {
    const t = this.peek();
    if (t.kind === 'ident' && (t.text === 'start' || t.text === 'end') && this.peek(1).kind === '(') {
      this.next();
      this.next();
      this.expect(')', '@ modifier');
      return { kind: t.text };
    }
    let sign = 1;
    if (t.kind === '-' || t.kind === '+') sign = this.next().kind === '-' ? -1 : 1;
    const n = this.peek();
    if (n.kind !== 'number' && n.kind !== 'duration') this.fail(`unexpected ${describe(n)} in @, expected timestamp`, n);
    this.next();
    const v = sign * (n.kind === 'duration' ? parseDuration(n.text)! / 1000 : parseNumber(n.text)!);
    if (!Number.isFinite(v) || Math.abs(v) >= 9.223372036854776e15) {
      this.fail(`timestamp out of bounds for @ modifier: ${v}`, n);
    }
    return { kind: 'time', ms: Math.round(v * 1000) };
  }

  private modifierTarget(e: Expr, what: string, at: Token): { target: { offset: number; at: AtModifier | undefined } } {
    if (e.type === 'VectorSelector' || e.type === 'SubqueryExpr') return { target: e };
    if (e.type === 'MatrixSelector') return { target: e.vector };
    this.fail(`${what} modifier must be preceded by an instant vector selector or range vector selector or a subquery`, at);
  }

  private applyOffset(e: Expr, ms: number, at: Token, expr?: DurationExpr): Expr {
    const { target } = this.modifierTarget(e, 'offset', at);
    if (target.offset !== 0 || (target as { offsetSet?: boolean }).offsetSet) this.fail('offset may not be set multiple times', e.pos);
    target.offset = ms;
    if (expr) (target as { offsetExpr?: DurationExpr }).offsetExpr = expr;
    (target as { offsetSet?: boolean }).offsetSet = true;
    return { ...e, pos: { start: e.pos.start, end: this.tokens[this.i - 1]!.end } } as Expr;
  }

  private applyAt(e: Expr, at: AtModifier, tok: Token): Expr {
    const { target } = this.modifierTarget(e, '@', tok);
    if (target.at) this.fail('@ <timestamp> may not be set multiple times', e.pos);
    target.at = at;
    return { ...e, pos: { start: e.pos.start, end: this.tokens[this.i - 1]!.end } } as Expr;
  }

  private parseRangeOrSubquery(e: Expr): Expr {
    const open = this.next();
    const r = parseDurationValue(this, 'range');
    const range = r.ms;
    if (this.peek().kind === ':') {
      this.next();
      let step = 0;
      let stepExpr: DurationExpr | undefined;
      if (this.peek().kind !== ']') {
        const s = parseDurationValue(this, 'subquery');
        step = s.ms;
        stepExpr = s.expr;
      }
      if (this.peek().kind === 'eof') this.fail('unclosed left bracket', this.peek());
      const close = this.expect(']', 'subquery selector');
      if (exprType(e) !== 'vector') {
        this.fail(`subquery is only allowed on instant vector, got ${typeName(exprType(e))} instead`, { start: e.pos.start, end: close.end });
      }
      if (range <= 0 && !r.expr) this.fail('subquery range must be positive', open);
      return {
        type: 'SubqueryExpr', expr: e, range, step, offset: 0, at: undefined, pos: { start: e.pos.start, end: close.end },
        ...(r.expr ? { rangeExpr: r.expr } : {}), ...(stepExpr ? { stepExpr } : {}),
      };
    }
    if (this.peek().kind === 'eof') this.fail('unclosed left bracket', this.peek());
    const close = this.expect(']', 'range selector');
    if (e.type !== 'VectorSelector') {
      this.fail('ranges only allowed for vector selectors', { start: open.start, end: close.end });
    }
    if (e.offset !== 0 || e.at || e.anchored || e.smoothed) this.fail('no offset modifiers allowed before range', open);
    if (range <= 0 && !r.expr) this.fail(`range must be positive`, open);
    return { type: 'MatrixSelector', vector: e, range, pos: { start: e.pos.start, end: close.end }, ...(r.expr ? { rangeExpr: r.expr } : {}) };
  }

  /** Checks that need the whole tree (done while building it, except the top). */
  private check(_e: Expr): void {
    // Types are checked as nodes are built; nothing left for the root.
  }
}
