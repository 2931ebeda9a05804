import type { Label } from '@panoptes/storage';
import { ExpositionParseError } from '../errors.js';
import { checkDuplicateLabels, isNameStart, parseGoFloat, readLabelSet, readName } from './lexer.js';
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
 * scrape fails on the first bad line, with its line number.
 */
export function parseText(body: string): ParsedExposition {
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
    samples.push(parseSampleLine(line, pos, lineNo));
  }
  return { samples, metadata, format: 'text' };
}

function parseSampleLine(line: string, pos: number, lineNo: number): ParsedSample {
  const start = pos;
  let name: string | undefined;
  let labels: Label[] = [];
  if (isNameStart(line[pos])) [name, pos] = readName(line, pos, lineNo);
  else if (line[pos] !== '{') throw new ExpositionParseError(lineNo, `expected a metric name at column ${pos + 1}`);
  while (line[pos] === ' ' || line[pos] === '\t') pos++;
  if (line[pos] === '{') {
    const set = readLabelSet(line, pos, lineNo, false);
    if (set.name !== undefined) {
      if (name !== undefined) throw new ExpositionParseError(lineNo, 'metric name given twice');
      name = set.name;
    }
    labels = set.labels;
    pos = set.pos;
  }
  if (name === undefined) throw new ExpositionParseError(lineNo, 'missing metric name');
  const series = line.slice(start, pos).trimEnd();
  const rest = splitBlank(line.slice(pos));
  if (rest.length === 0) throw new ExpositionParseError(lineNo, `missing value for ${name}`);
  if (rest.length > 2) throw new ExpositionParseError(lineNo, `unexpected text after the timestamp: ${JSON.stringify(rest.slice(2).join(' '))}`);
  const value = parseGoFloat(rest[0]!);
  if (value === undefined) throw new ExpositionParseError(lineNo, `invalid value ${JSON.stringify(rest[0])}`);
  let timestamp: number | undefined;
  if (rest[1] !== undefined) {
    if (!/^-?\d+$/.test(rest[1])) throw new ExpositionParseError(lineNo, `invalid timestamp ${JSON.stringify(rest[1])} (text format timestamps are integer milliseconds)`);
    timestamp = Number(rest[1]);
  }
  const all = [{ name: '__name__', value: name }, ...labels];
  checkDuplicateLabels(all, lineNo);
  return { series, labels: all, value, ...(timestamp !== undefined && { timestamp }) };
}

