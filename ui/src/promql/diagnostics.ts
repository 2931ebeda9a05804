// Where a query is wrong. Two sources: a quick local check of what the tokenizer can
// see (unbalanced brackets, unterminated strings, stray characters), and the
// position the server names in its parse error ("1:14: parse error: ...").

import { lex } from './lexer.js';

export interface Diagnostic { start: number; end: number; message: string }

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export function localDiagnostics(src: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: { char: string; pos: number }[] = [];
  for (const t of lex(src)) {
    if (t.kind === 'error') out.push({ start: t.start, end: t.end, message: `unexpected character ${JSON.stringify(t.text)}` });
    if (t.kind === 'string' && (t.text.length < 2 || t.text[t.text.length - 1] !== t.text[0])) {
      out.push({ start: t.start, end: t.end, message: 'unterminated string' });
    }
    if (t.kind !== 'bracket') continue;
    if ('([{'.includes(t.text)) stack.push({ char: t.text, pos: t.start });
    else {
      const open = stack.pop();
      if (!open || open.char !== PAIRS[t.text]) {
        out.push({ start: t.start, end: t.end, message: open ? `${JSON.stringify(t.text)} does not close ${JSON.stringify(open.char)} at ${offsetToLineCol(src, open.pos)}` : `unexpected ${JSON.stringify(t.text)} with nothing to close` });
        if (open && open.char !== PAIRS[t.text]) stack.push(open);
      }
    }
  }
  for (const open of stack) out.push({ start: open.pos, end: open.pos + 1, message: `unclosed ${JSON.stringify(open.char)}` });
  return out;
}

export function offsetToLineCol(src: string, offset: number): string {
  const before = src.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

function lineColToOffset(src: string, line: number, col: number): number {
  const lines = src.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
  return Math.min(src.length, offset + Math.max(0, col - 1));
}

/**
 * Finds the position a server error names. Understands Prometheus' current
 * "L:C: parse error:" form, its ranged "L:C-L:C" spans and the older
 * "parse error at char N:" form. Returns undefined when no position is given.
 */
export function serverDiagnostic(src: string, message: string): Diagnostic | undefined {
  const span = /(\d+):(\d+)(?:-(?:(\d+):)?(\d+))?:\s*parse error:?\s*(.*)$/s.exec(message);
  if (span) {
    const start = lineColToOffset(src, Number(span[1]), Number(span[2]));
    const endLine = span[3] ? Number(span[3]) : Number(span[1]);
    const end = span[4] ? lineColToOffset(src, endLine, Number(span[4])) : start + 1;
    return { start, end: Math.max(end, start + 1), message: span[5]?.trim() || message };
  }
  const atChar = /parse error at char (\d+):\s*(.*)$/s.exec(message);
  if (atChar) {
    const start = Math.max(0, Number(atChar[1]) - 1);
    return { start, end: start + 1, message: atChar[2]?.trim() || message };
  }
  return undefined;
}
