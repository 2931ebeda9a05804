// What to suggest at the cursor. Pure: `completionContext` reads the text, and
// `rankSuggestions` orders candidates the caller fetched from the API.

import { lex, type Token } from './lexer.js';
import { AGGREGATIONS, DURATION_SUGGESTIONS, FUNCTIONS, KEYWORDS, type FunctionDoc } from './vocabulary.js';

export type CompletionContext =
  | { kind: 'expression'; prefix: string; from: number; to: number }
  | { kind: 'labelName'; prefix: string; from: number; to: number; metric?: string }
  | { kind: 'labelValue'; prefix: string; from: number; to: number; metric?: string; label: string; quote: string }
  | { kind: 'duration'; prefix: string; from: number; to: number }
  | { kind: 'none' };

export interface Suggestion {
  label: string;
  kind: 'history' | 'metric' | 'function' | 'aggregation' | 'keyword' | 'label' | 'value' | 'duration';
  detail?: string;
  /** Text inserted in place of the prefix. */
  insert: string;
}

type Frame = { char: string; labels: boolean; metric?: string };

export function completionContext(src: string, cursor: number): CompletionContext {
  const before = src.slice(0, cursor);
  const tokens = lex(before);
  const stack: Frame[] = [];
  let prev: Token | undefined;
  for (const t of tokens) {
    if (t.kind === 'bracket') {
      if (t.text === '{') stack.push({ char: '{', labels: true, metric: prev?.kind === 'metric' ? prev.text : undefined });
      else if (t.text === '(') stack.push({ char: '(', labels: prev?.kind === 'keyword' && /^(by|without|on|ignoring|group_left|group_right)$/i.test(prev.text) });
      else if (t.text === '[') stack.push({ char: '[', labels: false });
      else stack.pop();
    }
    if (t.kind !== 'space' && t.kind !== 'comment') prev = t;
  }
  const last = tokens[tokens.length - 1];
  const frame = stack[stack.length - 1];

  // Inside an open string: a label value when it follows `label op`.
  if (last?.kind === 'string' && (last.text.length === 1 || last.text[last.text.length - 1] !== last.text[0] || last.end > cursor)) {
    const significant = tokens.filter((t) => t.kind !== 'space');
    const op = significant[significant.length - 2];
    const label = significant[significant.length - 3];
    if (frame?.char === '{' && op?.kind === 'operator' && label?.kind === 'label') {
      return { kind: 'labelValue', prefix: last.text.slice(1), from: last.start + 1, to: cursor, metric: frame.metric, label: label.text, quote: last.text[0]! };
    }
    return { kind: 'none' };
  }
  if (last?.kind === 'string' || last?.kind === 'comment') return { kind: 'none' };

  // Right after `label=` with no quote yet: offer values with quotes.
  if (frame?.char === '{' && last?.kind === 'operator' && /^(=|!=|=~|!~)$/.test(last.text)) {
    const significant = tokens.filter((t) => t.kind !== 'space');
    const label = significant[significant.length - 2];
    if (label?.kind === 'label') return { kind: 'labelValue', prefix: '', from: cursor, to: cursor, metric: frame.metric, label: label.text, quote: '' };
  }

  const wordMatch = /[a-zA-Z_:][a-zA-Z0-9_:]*$/.exec(before);
  const prefix = wordMatch && last && last.end === cursor && last.kind !== 'number' && last.kind !== 'duration' ? wordMatch[0] : '';
  const from = cursor - prefix.length;
  let to = cursor;
  while (to < src.length && /[a-zA-Z0-9_:]/.test(src[to]!)) to++;

  if (frame?.char === '[') {
    const durPrefix = /[0-9a-z$_]*$/.exec(before)![0];
    return { kind: 'duration', prefix: durPrefix, from: cursor - durPrefix.length, to: cursor };
  }
  if (frame?.labels) {
    // In braces only where a name may start: after `{` or `,` or while typing one.
    if (frame.char === '{' && prefix === '' && prev && !(prev.kind === 'bracket' && prev.text === '{') && prev.kind !== 'comma') return { kind: 'none' };
    return { kind: 'labelName', prefix, from, to, metric: frame.metric };
  }
  if (prefix === '' && last && last.kind !== 'space' && !(last.kind === 'bracket' && last.text === '(') && last.kind !== 'operator' && last.kind !== 'comma') {
    return { kind: 'none' };
  }
  return { kind: 'expression', prefix, from, to };
}

/** Orders candidates: prefix matches first, then substring matches, then fuzzy (in-order letters). */
export function matchScore(candidate: string, prefix: string): number {
  if (prefix === '') return 1;
  const c = candidate.toLowerCase();
  const p = prefix.toLowerCase();
  if (c.startsWith(p)) return 3 + p.length / Math.max(c.length, 1);
  if (c.includes(p)) return 2;
  let k = 0;
  for (const ch of c) if (ch === p[k]) k++;
  return k === p.length ? 1 : 0;
}

export interface CompletionData {
  metrics?: readonly string[];
  metadata?: Record<string, { type: string; help: string }[]>;
  labelNames?: readonly string[];
  labelValues?: readonly string[];
  /** Recent expressions, newest first; offered only when the editor is empty. */
  history?: readonly string[];
}

export function suggestions(ctx: CompletionContext, data: CompletionData, limit = 50): Suggestion[] {
  if (ctx.kind === 'none') return [];
  let items: Suggestion[] = [];
  if (ctx.kind === 'expression') {
    // Kept ahead of the ranking below: with an empty editor, recent queries come first.
    if (ctx.prefix === '' && ctx.from === 0 && data.history?.length) {
      const recent = data.history.slice(0, 10).map((h): Suggestion => ({ label: h, kind: 'history', insert: h, detail: 'recent query' }));
      const rest = suggestions(ctx, { ...data, history: undefined }, limit - recent.length);
      return [...recent, ...rest];
    }
    for (const m of data.metrics ?? []) {
      const meta = data.metadata?.[m]?.[0];
      items.push({ label: m, kind: 'metric', insert: m, detail: meta ? `${meta.type} · ${meta.help}` : undefined });
    }
    for (const f of FUNCTIONS) items.push({ label: f.name, kind: 'function', insert: `${f.name}(`, detail: `${f.name}${f.signature}: ${f.doc}` });
    for (const a of AGGREGATIONS) items.push({ label: a.name, kind: 'aggregation', insert: a.name, detail: `${a.name}${a.signature}: ${a.doc}` });
    if (ctx.prefix !== '') for (const k of KEYWORDS) items.push({ label: k, kind: 'keyword', insert: k });
  } else if (ctx.kind === 'labelName') {
    for (const l of data.labelNames ?? []) if (l !== '__name__' || ctx.metric === undefined) items.push({ label: l, kind: 'label', insert: l });
  } else if (ctx.kind === 'labelValue') {
    const q = ctx.quote || '"';
    for (const v of data.labelValues ?? []) {
      const escaped = q === '`' ? v : v.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`);
      items.push({ label: v, kind: 'value', insert: ctx.quote ? escaped : `${q}${escaped}${q}` });
    }
  } else {
    for (const d of DURATION_SUGGESTIONS) items.push({ label: d, kind: 'duration', insert: d });
  }
  const scored = items
    .map((s) => ({ s, score: matchScore(s.label, ctx.prefix) }))
    .filter((x) => x.score > 0 && !(x.s.label === ctx.prefix && ctx.kind !== 'labelValue'));
  scored.sort((a, b) => b.score - a.score || a.s.label.length - b.s.label.length || a.s.label.localeCompare(b.s.label));
  items = scored.slice(0, limit).map((x) => x.s);
  return items;
}

/** The function or aggregation whose parentheses hold the cursor, for a signature hint. */
export function signatureAt(src: string, cursor: number): FunctionDoc | undefined {
  const stack: (FunctionDoc | undefined)[] = [];
  let prev: Token | undefined;
  let aggregation: FunctionDoc | undefined;
  for (const t of lex(src.slice(0, cursor))) {
    if (t.kind === 'aggregation') aggregation = AGGREGATIONS.find((a) => a.name === t.text.toLowerCase());
    if (t.kind === 'bracket') {
      if (t.text === '(') {
        const isLabelList = prev?.kind === 'keyword';
        const fn = prev?.kind === 'function' ? FUNCTIONS.find((f) => f.name === prev!.text) : undefined;
        // `sum by (job) (` and `sum(` both open the aggregation's argument list.
        const agg = !fn && !isLabelList && aggregation && (prev?.kind === 'aggregation' || (prev?.kind === 'bracket' && prev.text === ')')) ? aggregation : undefined;
        stack.push(fn ?? agg);
        if (agg) aggregation = undefined;
      } else if ('{['.includes(t.text)) stack.push(undefined);
      else stack.pop();
    }
    if (t.kind !== 'space' && t.kind !== 'comment') prev = t;
  }
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]) return stack[i];
  return undefined;
}
