import type { Matcher } from './ast.js';
import type { Token } from './lexer.js';
import { compileMatcherRegex } from './regex.js';

/** Does the matcher accept the empty string (a missing label)? */
export function matchesEmpty(m: Matcher): boolean {
  switch (m.type) {
    case '=': return m.value === '';
    case '!=': return m.value !== '';
    case '=~': return compileMatcherRegex(m.value).test('');
    case '!~': return !compileMatcherRegex(m.value).test('');
  }
}

export function describe(t: Token): string {
  switch (t.kind) {
    case 'eof': return 'end of input';
    case 'ident': return `identifier "${t.text}"`;
    case 'number': return `number "${t.text}"`;
    case 'duration': return `duration "${t.text}"`;
    case 'string': return `string ${JSON.stringify(t.text)}`;
    default: return `"${t.text}"`;
  }
}
