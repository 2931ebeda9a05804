import type { Label } from '@panoptes/storage';
import { ExpositionParseError } from '../errors.js';

/**
 * Pieces shared by the text 0.0.4 and OpenMetrics parsers. Each reads from
 * `line` at `pos` and returns the value with the position after it; errors
 * name the line number.
 */

/** `[a-zA-Z_:]` by char code (a regex per character costs more than the rest of the parse). */
export function isNameStartCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}

/** `[a-zA-Z0-9_:]` by char code. */
export function isNameCode(c: number): boolean {
  return isNameStartCode(c) || (c >= 48 && c <= 57);
}

export function isNameStart(c: string | undefined): boolean {
  return c !== undefined && isNameStartCode(c.charCodeAt(0));
}

/** A legacy metric or label name (`:` allowed; label names are checked by the caller). */
export function readName(line: string, pos: number, lineNo: number): [string, number] {
  const start = pos;
  if (!isNameStartCode(line.charCodeAt(pos))) throw new ExpositionParseError(lineNo, `expected a metric or label name at column ${pos + 1}`);
  pos++;
  while (pos < line.length && isNameCode(line.charCodeAt(pos))) pos++;
  return [line.slice(start, pos), pos];
}

/** A double-quoted string with `\\`, `\"` and `\n` escapes; other escapes are kept as written, as Prometheus does. */
export function readQuoted(line: string, pos: number, lineNo: number): [string, number] {
  if (line[pos] !== '"') throw new ExpositionParseError(lineNo, `expected '"' at column ${pos + 1}`);
  pos++;
  let out = '';
  let chunkStart = pos;
  while (pos < line.length) {
    const c = line[pos]!;
    if (c === '"') return [out + line.slice(chunkStart, pos), pos + 1];
    if (c === '\\') {
      out += line.slice(chunkStart, pos);
      const n = line[pos + 1];
      if (n === 'n') out += '\n';
      else if (n === '\\' || n === '"') out += n;
      else if (n === undefined) break;
      else out += `\\${n}`;
      pos += 2;
      chunkStart = pos;
      continue;
    }
    pos++;
  }
  throw new ExpositionParseError(lineNo, 'unterminated quoted string');
}

/**
 * The inside of `{...}` starting at the `{`. Accepts quoted (UTF-8) label
 * names and a quoted metric name written alone inside the braces, and a
 * trailing comma. `strictSpaces` (OpenMetrics) refuses blanks around tokens.
 */
export function readLabelSet(line: string, pos: number, lineNo: number, strictSpaces: boolean): { labels: Label[]; name?: string; pos: number } {
  const labels: Label[] = [];
  let name: string | undefined;
  pos++; // '{'
  const skip = (): void => {
    if (!strictSpaces) while (line[pos] === ' ' || line[pos] === '\t') pos++;
  };
  skip();
  while (line[pos] !== '}') {
    let lname: string;
    if (line[pos] === '"') [lname, pos] = readQuoted(line, pos, lineNo);
    else {
      [lname, pos] = readName(line, pos, lineNo);
      if (lname.includes(':')) throw new ExpositionParseError(lineNo, `invalid label name ${JSON.stringify(lname)}`);
    }
    skip();
    if (line[pos] === '=') {
      pos++;
      skip();
      let value: string;
      [value, pos] = readQuoted(line, pos, lineNo);
      labels.push({ name: lname, value });
    } else if (name === undefined && labels.length === 0 && line[pos - 1] === '"') {
      // A quoted metric name inside the braces: {"my.metric", a="b"}.
      name = lname;
    } else throw new ExpositionParseError(lineNo, `expected '=' after label name ${JSON.stringify(lname)}`);
    skip();
    if (line[pos] === ',') {
      pos++;
      skip();
    } else if (line[pos] !== '}') throw new ExpositionParseError(lineNo, `expected ',' or '}' at column ${pos + 1}`);
  }
  return { labels, ...(name !== undefined && { name }), pos: pos + 1 };
}

const FLOAT_RE = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;

/** A float in Go's ParseFloat syntax (decimal; Inf, Infinity and NaN in any case, with sign). */
export function parseGoFloat(text: string): number | undefined {
  if (FLOAT_RE.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower === 'nan' || lower === '+nan' || lower === '-nan') return NaN;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return undefined;
}

/** Checks for duplicate label names (a target bug that must not reach storage). */
export function checkDuplicateLabels(labels: readonly Label[], lineNo: number): void {
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (labels[i]!.name === labels[j]!.name) throw new ExpositionParseError(lineNo, `duplicate label name ${JSON.stringify(labels[i]!.name)}`);
    }
  }
}
