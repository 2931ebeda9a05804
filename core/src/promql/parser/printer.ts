import type { AtModifier, Expr, Matcher, VectorMatching } from './ast.js';
import { formatDuration } from './duration.js';
import { formatGoFloat } from '../format-float.js';
import type { DurationExpr } from './duration-expr.js';

/** Prints an expression back as PromQL, normalised as Prometheus's String() does. */
export function printExpr(e: Expr): string {
  switch (e.type) {
    case 'NumberLiteral': return formatNumber(e.value);
    case 'StringLiteral': return JSON.stringify(e.value);
    case 'VectorSelector': return printSelector(e.name, e.matchers) + modifiers(e.offset, e.at, e.offsetExpr) + extended(e);
    case 'MatrixSelector':
      return printSelector(e.vector.name, e.vector.matchers) + `[${dur(e.range, e.rangeExpr)}]` + modifiers(e.vector.offset, e.vector.at, e.vector.offsetExpr) + extended(e.vector);
    case 'SubqueryExpr':
      return `${printExpr(e.expr)}[${dur(e.range, e.rangeExpr)}:${e.stepExpr ? printDurationExpr(e.stepExpr) : e.step ? formatDuration(e.step) : ''}]` + modifiers(e.offset, e.at, e.offsetExpr);
    case 'ParenExpr': return `(${printExpr(e.expr)})`;
    case 'UnaryExpr': return `${e.op}${printExpr(e.expr)}`;
    case 'BinaryExpr':
      return `${printExpr(e.lhs)} ${e.op}${e.returnBool ? ' bool' : ''}${printMatching(e.matching)} ${printExpr(e.rhs)}`;
    case 'AggregateExpr': {
      let s = e.op;
      if (e.grouping.length > 0 || e.without) s += ` ${e.without ? 'without' : 'by'} (${e.grouping.map(printLabel).join(', ')}) `;
      const args = e.param ? `${printExpr(e.param)}, ${printExpr(e.expr)}` : printExpr(e.expr);
      return `${s}(${args})`;
    }
    case 'Call': return `${e.func}(${e.args.map(printExpr).join(', ')})`;
  }
}

function printMatching(m: VectorMatching | undefined): string {
  if (!m) return '';
  let s = '';
  if (m.matchingLabels.length > 0 || m.on) s += ` ${m.on ? 'on' : 'ignoring'} (${m.matchingLabels.map(printLabel).join(', ')})`;
  if (m.card === 'many-to-one' || m.card === 'one-to-many') {
    s += ` ${m.card === 'many-to-one' ? 'group_left' : 'group_right'}`;
    if (m.include.length > 0) s += ` (${m.include.map(printLabel).join(', ')})`;
  }
  if (m.fillLeft !== undefined && m.fillRight !== undefined && Object.is(m.fillLeft, m.fillRight)) s += ` fill(${formatNumber(m.fillLeft)})`;
  else {
    if (m.fillLeft !== undefined) s += ` fill_left(${formatNumber(m.fillLeft)})`;
    if (m.fillRight !== undefined) s += ` fill_right(${formatNumber(m.fillRight)})`;
  }
  return s;
}

function printLabel(l: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(l) ? l : JSON.stringify(l);
}

function printSelector(name: string, matchers: readonly Matcher[]): string {
  const rest = matchers.filter((m) => !(name !== '' && m.name === '__name__' && m.type === '=' && m.value === name));
  const validName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name);
  const inner = rest.map((m) => `${printLabel(m.name)}${m.type}${JSON.stringify(m.value)}`);
  if (name !== '' && !validName) inner.unshift(JSON.stringify(name));
  const head = name !== '' && validName ? name : '';
  if (inner.length === 0) return head;
  return `${head}{${inner.join(', ')}}`;
}

function extended(vs: { anchored?: boolean; smoothed?: boolean }): string {
  return vs.anchored ? ' anchored' : vs.smoothed ? ' smoothed' : '';
}

function dur(ms: number, expr: DurationExpr | undefined): string {
  return expr ? printDurationExpr(expr) : formatDuration(ms);
}

/** Prints a duration expression; parenthesised unless it is a single call or literal. */
export function printDurationExpr(e: DurationExpr, top = true): string {
  switch (e.kind) {
    case 'num': return formatNumber(e.seconds);
    case 'neg': return `-${printDurationExpr(e.expr, false)}`;
    case 'call': return `${e.name}(${e.args.map((a) => printDurationExpr(a)).join(', ')})`;
    case 'bin': {
      const s = `${printDurationExpr(e.lhs, false)} ${e.op} ${printDurationExpr(e.rhs, false)}`;
      return top ? s : `(${s})`;
    }
  }
}

function modifiers(offset: number, at: AtModifier | undefined, offsetExpr?: DurationExpr): string {
  let s = '';
  if (at) s += at.kind === 'time' ? ` @ ${(at.ms / 1000).toFixed(3)}` : ` @ ${at.kind}()`;
  if (offsetExpr) s += ` offset (${printDurationExpr(offsetExpr)})`;
  else if (offset > 0) s += ` offset ${formatDuration(offset)}`;
  else if (offset < 0) s += ` offset -${formatDuration(-offset)}`;
  return s;
}

/** Go's %v for a float64, as Prometheus prints number literals. */
function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  return formatGoFloat(v, exp < -4 || exp >= 21 ? 'e' : 'f');
}
