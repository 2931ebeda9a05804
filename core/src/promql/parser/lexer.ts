import { PromQLParseError } from './errors.js';

export type TokenKind =
  | 'number' | 'duration' | 'string' | 'ident'
  | '(' | ')' | '{' | '}' | '[' | ']' | ',' | ':' | '@'
  | '+' | '-' | '*' | '/' | '%' | '^'
  | '==' | '!=' | '>' | '<' | '>=' | '<=' | '=~' | '!~' | '='
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token (for strings: unquoted value). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isAlnum = (c: string): boolean => isAlpha(c) || isDigit(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const UNIT_CHARS = 'smhdwy';

/** Splits a PromQL query into tokens, each with its byte range. */
export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (msg: string, at: number, end = at + 1): never => {
    throw new PromQLParseError(msg, { start: at, end }, input);
  };
  while (i < input.length) {
    const c = input[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < input.length && input[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(input[i + 1] ?? ''))) {
      i = scanNumberOrDuration(input, i, tokens);
      continue;
    }
    if (isAlpha(c)) {
      while (i < input.length && (isAlnum(input[i]!) || input[i] === ':')) i++;
      const word = input.slice(start, i);
      const lower = word.toLowerCase();
      tokens.push({ kind: lower === 'inf' || lower === 'nan' ? 'number' : 'ident', text: word, start, end: i });
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const { value, end } = scanString(input, i, fail);
      tokens.push({ kind: 'string', text: value, start, end });
      i = end;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '>=' || two === '<=' || two === '=~' || two === '!~') {
      tokens.push({ kind: two, text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if ('(){}[],:@+-*/%^><='.includes(c)) {
      tokens.push({ kind: c as TokenKind, text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (c === '!') fail('unexpected character after \'!\': \'' + (input[i + 1] ?? '') + "'", i);
    fail(`unexpected character: '${c}'`, i);
  }
  tokens.push({ kind: 'eof', text: '', start: input.length, end: input.length });
  return tokens;
}

function scanNumberOrDuration(input: string, i: number, tokens: Token[]): number {
  const start = i;
  // Durations: digits followed by a unit, possibly repeated (1h30m, 10s53ms).
  let j = i;
  let isDuration = false;
  while (j < input.length && isDigit(input[j]!)) {
    let k = j;
    while (k < input.length && isDigit(input[k]!)) k++;
    const u = input[k] ?? '';
    if (!UNIT_CHARS.includes(u) || u === '') break;
    const unitLen = u === 'm' && input[k + 1] === 's' ? 2 : 1;
    const after = input[k + unitLen] ?? '';
    if (isAlpha(after) && !isDigit(after)) {
      // Something like `5mx`: not a duration.
      if (!isDuration) break;
    }
    isDuration = true;
    j = k + unitLen;
  }
  if (isDuration && !(isAlnum(input[j] ?? '') || input[j] === '.')) {
    tokens.push({ kind: 'duration', text: input.slice(start, j), start, end: j });
    return j;
  }
  // Numbers: hex, decimal with fraction and exponent.
  i = start;
  if (input[i] === '0' && (input[i + 1] === 'x' || input[i + 1] === 'X')) {
    i += 2;
    while (i < input.length && /[0-9a-fA-F]/.test(input[i]!)) i++;
  } else {
    while (i < input.length && isDigit(input[i]!)) i++;
    if (input[i] === '.') {
      i++;
      while (i < input.length && isDigit(input[i]!)) i++;
    }
    if ((input[i] === 'e' || input[i] === 'E') && (isDigit(input[i + 1] ?? '') || ((input[i + 1] === '+' || input[i + 1] === '-') && isDigit(input[i + 2] ?? '')))) {
      i += 2;
      while (i < input.length && isDigit(input[i]!)) i++;
    }
  }
  if (isAlnum(input[i] ?? '')) {
    throw new PromQLParseError(`bad number or duration syntax: "${input.slice(start, i + 1)}"`, { start, end: i + 1 }, input);
  }
  tokens.push({ kind: 'number', text: input.slice(start, i), start, end: i });
  return i;
}

function scanString(input: string, i: number, fail: (msg: string, at: number, end?: number) => never): { value: string; end: number } {
  const quote = input[i]!;
  const start = i;
  i++;
  if (quote === '`') {
    const close = input.indexOf('`', i);
    if (close < 0) fail('unterminated raw string', start, input.length);
    return { value: input.slice(i, close), end: close + 1 };
  }
  let out = '';
  while (true) {
    if (i >= input.length || input[i] === '\n') fail('unterminated quoted string', start, i);
    const c = input[i]!;
    if (c === quote) return { value: out, end: i + 1 };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = input[i + 1] ?? '';
    i += 2;
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': case "'": out += e; break;
      case 'x': {
        const h = input.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) fail('invalid escape sequence', i - 2);
        out += decodeByteEscapes(input, i - 2).text;
        i = decodeByteEscapes(input, i - 2).end;
        break;
      }
      case 'u': case 'U': {
        const n = e === 'u' ? 4 : 8;
        const h = input.slice(i, i + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) fail('invalid escape sequence', i - 2);
        out += String.fromCodePoint(parseInt(h, 16));
        i += n;
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          const o = input.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(o)) fail('invalid escape sequence', i - 2);
          out += String.fromCharCode(parseInt(o, 8));
          i += 2;
          break;
        }
        fail(`unknown escape sequence '${e}'`, i - 2);
    }
  }
}

/**
 * Go strings are bytes: `\xc5\xbb` is one UTF-8 character. Decode a run of
 * \xNN escapes as UTF-8 when it is valid, else as Latin-1 code points.
 */
function decodeByteEscapes(input: string, i: number): { text: string; end: number } {
  const bytes: number[] = [];
  while (input[i] === '\\' && input[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(input.slice(i + 2, i + 4))) {
    bytes.push(parseInt(input.slice(i + 2, i + 4), 16));
    i += 4;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes)), end: i };
  } catch {
    // Invalid UTF-8 stays visible as U+FFFD so label-name checks reject it.
    return { text: bytes.map((b) => (b < 0x80 ? String.fromCharCode(b) : '\uFFFD')).join(''), end: i };
  }
}
