import type { Label } from '@panoptes/storage';
import { ExpositionParseError } from '../errors.js';
import { checkDuplicateLabels, isNameCode, isNameStart, isNameStartCode, parseGoFloat, readLabelSet, readName } from './lexer.js';
import type { ExpositionType, FamilyMetadata, ParsedExposition, ParsedSample } from './types.js';

const TEXT_TYPES: Record<string, ExpositionType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  untyped: 'unknown',
};

/** HELP in text 0.0.4 escapes only `\\` and `\n`; a `"` stays as written. */
function unescapeHelp(text: string): string {
  return text.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
}

function splitBlank(s: string): string[] {
  return s.split(/[ \t]+/).filter((t) => t !== '');
}

/**
 * Parses the Prometheus text format 0.0.4 (exposition_formats.md): `#
 * HELP`/`# TYPE` lines, other comments ignored, samples
 * `name{labels} value [timestamp_ms]` separated by any blanks. The whole
 * scrape fails on the first bad line, with its line number. With
 * `lazyLabels`, label sets are parsed (and their errors thrown) only when a
 * sample's `labels` is read.
 */
export function parseText(body: string, options: { lazyLabels?: boolean } = {}): ParsedExposition {
  const samples: ParsedSample[] = [];
  const metadata = new Map<string, FamilyMetadata>();
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    let pos = 0;
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
    if (pos === line.length) continue;
    if (line[pos] === '#') {
      const tokens = splitBlank(line.slice(pos + 1));
      const kind = tokens[0];
      if ((kind === 'HELP' || kind === 'TYPE') && tokens.length >= 2) {
        const name = tokens[1]!;
        const entry = metadata.get(name) ?? { type: 'unknown' as ExpositionType, help: '', unit: '' };
        if (kind === 'TYPE') {
          const t = TEXT_TYPES[(tokens[2] ?? '').toLowerCase()];
          if (!t) throw new ExpositionParseError(lineNo, `unknown metric type ${JSON.stringify(tokens[2] ?? '')} for ${name}`);
          entry.type = t;
        } else {
          const m = /^[ \t]*#[ \t]+HELP[ \t]+\S+[ \t]?(.*)$/.exec(line);
          entry.help = unescapeHelp(m?.[1] ?? '');
        }
        metadata.set(name, entry);
      }
      continue;
    }
    samples.push(parseSampleLine(line, pos, lineNo, options.lazyLabels === true));
  }
  return { samples, metadata, format: 'text' };
}

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN = 123;
const CLOSE = 125;

/**
 * A sample line whose label set is parsed only when asked for: the scraper
 * looks series up by their text first and needs the labels only for series
 * it has not seen, which after the first scrape is almost none.
 */
class TextSample implements ParsedSample {
  private parsed: Label[] | undefined;
  constructor(
    readonly series: string,
    readonly value: number,
    readonly timestamp: number | undefined,
    private readonly lineNo: number,
  ) {}

  get labels(): Label[] {
    return (this.parsed ??= parseSeries(this.series, this.lineNo));
  }
}

/** Parses the `name{labels}` part of a line into a label set with `__name__` first. */
function parseSeries(text: string, lineNo: number): Label[] {
  let pos = 0;
  let name: string | undefined;
  let labels: Label[] = [];
  if (isNameStart(text[pos])) [name, pos] = readName(text, pos, lineNo);
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  if (text[pos] === '{') {
    const set = readLabelSet(text, pos, lineNo, false);
    if (set.name !== undefined) {
      if (name !== undefined) throw new ExpositionParseError(lineNo, 'metric name given twice');
      name = set.name;
    }
    labels = set.labels;
  }
  if (name === undefined) throw new ExpositionParseError(lineNo, 'missing metric name');
  const all = [{ name: '__name__', value: name }, ...labels];
  checkDuplicateLabels(all, lineNo);
  return all;
}

/** Finds the end of the series part (after the name and the closing brace) by scanning, without building labels. */
function seriesEnd(line: string, pos: number, lineNo: number): number {
  const len = line.length;
  const startsWithName = isNameStartCode(line.charCodeAt(pos));
  if (startsWithName) while (pos < len && isNameCode(line.charCodeAt(pos))) pos++;
  else if (line.charCodeAt(pos) !== OPEN) throw new ExpositionParseError(lineNo, `expected a metric name at column ${pos + 1}`);
  let p = pos;
  while (line.charCodeAt(p) === SPACE || line.charCodeAt(p) === TAB) p++;
  if (line.charCodeAt(p) !== OPEN) return pos;
  for (p++; p < len; p++) {
    const c = line.charCodeAt(p);
    if (c === CLOSE) return p + 1;
    if (c === QUOTE) {
      for (p++; p < len; p++) {
        const q = line.charCodeAt(p);
        if (q === BACKSLASH) p++;
        else if (q === QUOTE) break;
      }
      if (p >= len) break;
    }
  }
  throw new ExpositionParseError(lineNo, 'unterminated label set or quoted string');
}

function parseSampleLine(line: string, pos: number, lineNo: number, lazy: boolean): ParsedSample {
  const end = seriesEnd(line, pos, lineNo);
  const series = line.slice(pos, end);
  const len = line.length;
  let p = end;
  while (p < len && (line.charCodeAt(p) === SPACE || line.charCodeAt(p) === TAB)) p++;
  let q = p;
  while (q < len && line.charCodeAt(q) !== SPACE && line.charCodeAt(q) !== TAB) q++;
  if (q === p) throw new ExpositionParseError(lineNo, `missing value for ${series}`);
  const valueText = line.slice(p, q);
  const value = parseGoFloat(valueText);
  if (value === undefined) throw new ExpositionParseError(lineNo, `invalid value ${JSON.stringify(valueText)}`);
  p = q;
  while (p < len && (line.charCodeAt(p) === SPACE || line.charCodeAt(p) === TAB)) p++;
  let timestamp: number | undefined;
  if (p < len) {
    q = p;
    while (q < len && line.charCodeAt(q) !== SPACE && line.charCodeAt(q) !== TAB) q++;
    const tsText = line.slice(p, q);
    if (!/^-?\d+$/.test(tsText)) throw new ExpositionParseError(lineNo, `invalid timestamp ${JSON.stringify(tsText)} (text format timestamps are integer milliseconds)`);
    timestamp = Number(tsText);
    p = q;
    while (p < len && (line.charCodeAt(p) === SPACE || line.charCodeAt(p) === TAB)) p++;
    if (p < len) throw new ExpositionParseError(lineNo, `unexpected text after the timestamp: ${JSON.stringify(line.slice(p))}`);
  }
  const sample = new TextSample(series, value, timestamp, lineNo);
  // Eager callers get every label error now; the scraper asks for labels itself when it needs them.
  if (!lazy) void sample.labels;
  return sample;
}
