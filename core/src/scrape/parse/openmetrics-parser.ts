import type { Label } from '@panoptes/storage';
import { ExpositionParseError } from '../errors.js';
import { checkDuplicateLabels, isNameStart, parseGoFloat, readLabelSet, readName } from './lexer.js';
import type { ExpositionType, FamilyMetadata, ParsedExemplar, ParsedExposition, ParsedSample } from './types.js';

const OM_TYPES = new Set<ExpositionType>(['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'unknown']);

/** OpenMetrics escapes `\\`, `\n` and `\"` in HELP. */
function unescapeHelp(text: string): string {
  return text.replace(/\\(\\|n|")/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

/** Seconds (maybe fractional, maybe exponent) to ms, rounded as Prometheus does. */
function secondsToMs(text: string, lineNo: number): number {
  const s = parseGoFloat(text);
  if (s === undefined || !Number.isFinite(s)) throw new ExpositionParseError(lineNo, `invalid timestamp ${JSON.stringify(text)} (OpenMetrics timestamps are seconds)`);
  return Math.round(s * 1000);
}

/**
 * Parses OpenMetrics 1.0 text (open_metrics_spec.md): one space between
 * tokens, metadata by family name, `# EOF` required and nothing after it,
 * timestamps in seconds, exemplars after ` # `. Any bad line fails the whole
 * exposition, as the spec demands.
 */
export function parseOpenMetrics(body: string): ParsedExposition {
  const samples: ParsedSample[] = [];
  const metadata = new Map<string, FamilyMetadata>();
  const lines = body.split('\n');
  let sawEof = false;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    if (sawEof) {
      if (line === '' && i === lines.length - 1) break;
      throw new ExpositionParseError(lineNo, 'content after # EOF');
    }
    if (line === '# EOF') {
      sawEof = true;
      continue;
    }
    if (line === '') {
      if (i === lines.length - 1) break;
      throw new ExpositionParseError(lineNo, 'empty line (OpenMetrics allows none)');
    }
    if (line.includes('\r')) throw new ExpositionParseError(lineNo, 'carriage return in line');
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE|UNIT) (\S+)(?: (.*))?$/.exec(line);
      if (!m) throw new ExpositionParseError(lineNo, `invalid metadata line ${JSON.stringify(line.slice(0, 80))}`);
      const [, kind, name, rest = ''] = m;
      const entry = metadata.get(name!) ?? { type: 'unknown' as ExpositionType, help: '', unit: '' };
      if (kind === 'TYPE') {
        if (!OM_TYPES.has(rest as ExpositionType)) throw new ExpositionParseError(lineNo, `unknown metric type ${JSON.stringify(rest)} for ${name}`);
        entry.type = rest as ExpositionType;
      } else if (kind === 'HELP') entry.help = unescapeHelp(rest);
      else {
        if (rest !== '' && !name!.endsWith(`_${rest}`)) throw new ExpositionParseError(lineNo, `unit ${JSON.stringify(rest)} is not a suffix of the metric name ${name}`);
        entry.unit = rest;
      }
      metadata.set(name!, entry);
      continue;
    }
    samples.push(parseSampleLine(line, lineNo));
  }
  if (!sawEof) throw new ExpositionParseError(lines.length, 'missing # EOF at the end of the OpenMetrics exposition');
  return { samples, metadata, format: 'openmetrics' };
}

function parseSampleLine(line: string, lineNo: number): ParsedSample {
  let pos = 0;
  let name: string | undefined;
  let labels: Label[] = [];
  if (isNameStart(line[pos])) [name, pos] = readName(line, pos, lineNo);
  if (line[pos] === '{') {
    const set = readLabelSet(line, pos, lineNo, true);
    if (set.name !== undefined) {
      if (name !== undefined) throw new ExpositionParseError(lineNo, 'metric name given twice');
      name = set.name;
    }
    labels = set.labels;
    pos = set.pos;
  }
  if (name === undefined) throw new ExpositionParseError(lineNo, 'missing metric name');
  const series = line.slice(0, pos);
  const hash = line.indexOf(' # ', pos);
  const main = hash >= 0 ? line.slice(pos, hash) : line.slice(pos);
  if (!main.startsWith(' ')) throw new ExpositionParseError(lineNo, `expected one space before the value of ${name}`);
  const tokens = main.slice(1).split(' ');
  if (tokens.length > 2 || tokens.some((t) => t === '')) throw new ExpositionParseError(lineNo, `expected "value [timestamp]" separated by single spaces for ${name}`);
  const value = parseGoFloat(tokens[0]!);
  if (value === undefined) throw new ExpositionParseError(lineNo, `invalid value ${JSON.stringify(tokens[0])}`);
  const timestamp = tokens[1] !== undefined ? secondsToMs(tokens[1], lineNo) : undefined;
  const exemplar = hash >= 0 ? parseExemplar(line, hash + 3, lineNo) : undefined;
  const all = [{ name: '__name__', value: name }, ...labels];
  checkDuplicateLabels(all, lineNo);
  return { series, labels: all, value, ...(timestamp !== undefined && { timestamp }), ...(exemplar && { exemplar }) };
}

function parseExemplar(line: string, pos: number, lineNo: number): ParsedExemplar {
  if (line[pos] !== '{') throw new ExpositionParseError(lineNo, 'exemplar must start with a label set');
  const set = readLabelSet(line, pos, lineNo, true);
  const runes = set.labels.reduce((n, l) => n + [...l.name].length + [...l.value].length, 0);
  if (runes > 128) throw new ExpositionParseError(lineNo, `exemplar labels are ${runes} characters long, over the limit of 128`);
  const tokens = line.slice(set.pos).split(' ');
  if (tokens[0] !== '' || tokens.length < 2 || tokens.length > 3) throw new ExpositionParseError(lineNo, 'exemplar must be "{labels} value [timestamp]"');
  const value = parseGoFloat(tokens[1]!);
  if (value === undefined) throw new ExpositionParseError(lineNo, `invalid exemplar value ${JSON.stringify(tokens[1])}`);
  const timestamp = tokens[2] !== undefined ? secondsToMs(tokens[2], lineNo) : undefined;
  return { labels: set.labels, value, ...(timestamp !== undefined && { timestamp }) };
}
