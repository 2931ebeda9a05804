// Turns a query into HTML spans for the editor's highlight layer. The layer sits
// exactly under a transparent textarea, so the text must be reproduced verbatim.

import { lex } from './lexer.js';
import type { Diagnostic } from './diagnostics.js';

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function highlightHtml(src: string, diagnostics: Diagnostic[] = []): string {
  const marks = diagnostics.map((d) => ({ start: Math.min(d.start, src.length), end: Math.min(Math.max(d.end, d.start + 1), src.length + 1) }));
  let html = '';
  for (const t of lex(src)) {
    // Split a token where an error mark begins or ends, so the squiggle lands on
    // exactly the characters the diagnostic names.
    const cuts = new Set<number>([t.start, t.end]);
    for (const m of marks) {
      if (m.start > t.start && m.start < t.end) cuts.add(m.start);
      if (m.end > t.start && m.end < t.end) cuts.add(m.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let k = 0; k < points.length - 1; k++) {
      const a = points[k]!;
      const b = points[k + 1]!;
      const text = escapeHtml(src.slice(a, b));
      const marked = marks.some((m) => a >= m.start && a < m.end);
      const cls = t.kind === 'space' ? '' : `tok-${t.kind}`;
      html += marked ? `<span class="${cls} tok-mark">${text}</span>` : cls ? `<span class="${cls}">${text}</span>` : text;
    }
  }
  // A diagnostic at the very end (e.g. "unexpected end of input") needs a visible cell.
  if (marks.some((m) => m.start >= src.length)) html += '<span class="tok-mark"> </span>';
  // A trailing newline needs a character after it or the layer is one line short.
  return html + '\n';
}
