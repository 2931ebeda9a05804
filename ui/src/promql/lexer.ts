// A forgiving PromQL tokenizer for the editor: it never throws, it marks what it
// cannot read as `error` tokens so highlighting and completion keep working while
// the user is in the middle of typing.

import { AGGREGATION_NAMES, FUNCTION_NAMES, KEYWORD_NAMES } from './vocabulary.js';

export type TokenKind =
  | 'number' | 'duration' | 'string' | 'metric' | 'label' | 'function' | 'aggregation' | 'keyword'
  | 'operator' | 'bracket' | 'comma' | 'comment' | 'space' | 'error';

export interface Token { kind: TokenKind; text: string; start: number; end: number }

const DURATION = /^(?:\d+(?:ms|[smhdwy]))+/;
const NUMBER = /^(?:0x[0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[Ii]nf|NaN)/;
const IDENT = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const OPERATORS = ['==', '!=', '>=', '<=', '=~', '!~', '+', '-', '*', '/', '%', '^', '>', '<', '=', '@'];

export function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number): void => {
    tokens.push({ kind, text: src.slice(i, end), start: i, end });
    i = end;
  };
  while (i < src.length) {
    const c = src[i]!;
    const rest = src.slice(i);
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < src.length && /\s/.test(src[j]!)) j++;
      push('space', j);
    } else if (c === '#') {
      const nl = src.indexOf('\n', i);
      push('comment', nl === -1 ? src.length : nl);
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += c !== '`' && src[j] === '\\' ? 2 : 1;
      push('string', Math.min(j + 1, src.length));
    } else if ('(){}[]'.includes(c)) {
      push('bracket', i + 1);
    } else if (c === ',') {
      push('comma', i + 1);
    } else if (/[0-9.]/.test(c)) {
      const dur = DURATION.exec(rest);
      const num = NUMBER.exec(rest);
      if (dur && (!num || dur[0].length >= num[0].length)) push('duration', i + dur[0].length);
      else if (num) push('number', i + num[0].length);
      else push('error', i + 1);
    } else if (IDENT.test(rest)) {
      const word = IDENT.exec(rest)![0];
      push(classifyWord(word, src, i + word.length), i + word.length);
    } else {
      const op = OPERATORS.find((o) => rest.startsWith(o));
      push(op ? 'operator' : 'error', i + (op?.length ?? 1));
    }
  }
  labelPositions(tokens);
  return tokens;
}

function nextNonSpace(src: string, from: number): string {
  let j = from;
  while (j < src.length && /\s/.test(src[j]!)) j++;
  return src[j] ?? '';
}

function classifyWord(word: string, src: string, end: number): TokenKind {
  const lower = word.toLowerCase();
  if (KEYWORD_NAMES.has(lower)) return 'keyword';
  if (AGGREGATION_NAMES.has(lower)) {
    const next = nextNonSpace(src, end);
    if (next === '(' || /[bw]/.test(next)) return 'aggregation';
  }
  if (FUNCTION_NAMES.has(word) && nextNonSpace(src, end) === '(') return 'function';
  if (/^(inf|nan)$/i.test(word)) return 'number';
  return 'metric';
}

/** Words inside `{...}` and inside the parentheses after by/without/on/ignoring are label names. */
function labelPositions(tokens: Token[]): void {
  const stack: ('labels' | 'other')[] = [];
  let prevSignificant: Token | undefined;
  for (const t of tokens) {
    if (t.kind === 'bracket') {
      if (t.text === '{') stack.push('labels');
      else if (t.text === '(') stack.push(prevSignificant?.kind === 'keyword' && /^(by|without|on|ignoring|group_left|group_right)$/i.test(prevSignificant.text) ? 'labels' : 'other');
      else if (t.text === '[') stack.push('other');
      else stack.pop();
    } else if (stack[stack.length - 1] === 'labels' && ['metric', 'keyword', 'aggregation', 'function'].includes(t.kind)) {
      t.kind = 'label';
    }
    if (t.kind !== 'space' && t.kind !== 'comment') prevSignificant = t;
  }
}
