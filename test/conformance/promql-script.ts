/**
 * Parser for Prometheus's PromQL test scripts (promqltest format), as the
 * corpus README describes it: load / clear / eval commands, series notation
 * and expectations.
 */
import { parseDuration, parseNumber, STALE_NAN } from '../../core/src/promql/index.js';

export interface SeriesLine {
  readonly labels: { name: string; value: string }[];
  /** Expanded values; undefined = `_` (no sample). 'hist' = a native histogram item. */
  readonly values: (number | undefined | 'hist')[];
}

export interface Expectations {
  fail: boolean;
  failMsg?: string;
  failRegex?: string;
  warn: 'unchecked' | 'some' | 'none';
  info: 'unchecked' | 'some' | 'none';
  /** The texts of `expect warn|info msg:` / `regex:` lines (a bare line is `{ any: true }`). */
  warnTexts: AnnotationExpectation[];
  infoTexts: AnnotationExpectation[];
  ordered: boolean;
  rangeVector?: { from: number; to: number; step: number };
  string?: string;
  scalar?: number;
  series: SeriesLine[];
}

export type AnnotationExpectation = { msg: string } | { regex: string } | { any: true };

export type Command =
  | { kind: 'load'; line: number; interval: number; series: SeriesLine[] }
  | { kind: 'clear'; line: number }
  | { kind: 'eval'; line: number; mode: 'instant'; at: number; query: string; expect: Expectations }
  | { kind: 'eval'; line: number; mode: 'range'; start: number; end: number; step: number; query: string; expect: Expectations };

function dur(text: string, where: string): number {
  const d = parseDuration(text);
  if (d === undefined) throw new Error(`${where}: bad duration ${JSON.stringify(text)}`);
  return d;
}

/** Splits `name{a="b"} values...` into the series part and the rest. */
function splitSeries(line: string): [string, string] {
  let i = 0;
  while (i < line.length && !/\s/.test(line[i]!) && line[i] !== '{') i++;
  if (line[i] === '{') {
    let quote = '';
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (c === '\\' && quote !== '`') i++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '}') {
        i++;
        break;
      }
    }
  }
  return [line.slice(0, i), line.slice(i).trim()];
}

import { parseExpr } from '../../core/src/promql/index.js';

function parseSeriesDesc(desc: string): { name: string; value: string }[] {
  if (/^\{\s*\}$/.test(desc.trim())) return [];
  const e = parseExpr(desc.trim());
  if (e.type !== 'VectorSelector') throw new Error(`not a series: ${desc}`);
  const out = e.matchers.map((m) => ({ name: m.name, value: m.value })).filter((l) => l.value !== '');
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Parses one value (number, Inf/NaN in any case, signed, hex, duration as seconds). */
export function parseValue(text: string): number | undefined {
  if (text === 'stale') return STALE_NAN;
  const n = parseNumber(text);
  if (n !== undefined) return n;
  const d = parseDuration(text.replace(/^[+-]/, ''));
  if (d !== undefined) return (text.startsWith('-') ? -d : d) / 1000;
  return undefined;
}

/** Expands the values part of a series line. */
export function expandValues(text: string, where: string): (number | undefined | 'hist')[] {
  const out: (number | undefined | 'hist')[] = [];
  // Histogram literals hold spaces: pull them out as whole items first.
  const items: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let j = i;
    if (text.startsWith('{{', i)) {
      let depth = 0;
      for (; j < text.length; j++) {
        if (text.startsWith('{{', j)) depth++;
        if (text.startsWith('}}', j)) {
          depth--;
          j++;
          if (depth === 0) {
            j++;
            // `{{A}}+{{B}}xN`
            if (text[j] === '+' || text[j] === '-') {
              if (text.startsWith('{{', j + 1)) {
                depth = 0;
                continue;
              }
            }
            while (j < text.length && !/\s/.test(text[j]!)) j++;
            break;
          }
        }
      }
    } else {
      while (j < text.length && !/\s/.test(text[j]!)) j++;
    }
    items.push(text.slice(i, j));
    i = j;
  }
  for (const item of items) {
    if (item.startsWith('{{')) {
      const m = /x(\d+)$/.exec(item);
      const n = m && item.endsWith(m[0]) && item.lastIndexOf('}}') < item.length - m[0].length ? Number(m[1]) + 1 : 1;
      for (let k = 0; k < n; k++) out.push('hist');
      continue;
    }
    if (item === '_') {
      out.push(undefined);
      continue;
    }
    let m = /^_x(\d+)$/.exec(item);
    if (m) {
      for (let k = 0; k < Number(m[1]); k++) out.push(undefined);
      continue;
    }
    m = /^([-+]?[^x+-]+?(?:e[-+]?\d+)?)([+-])([^x]+)x(\d+)$/i.exec(item);
    if (m) {
      let v = parseValue(m[1]!);
      const d = parseValue(m[3]!);
      if (v === undefined || d === undefined) throw new Error(`${where}: bad value ${item}`);
      const n = Number(m[4]);
      out.push(v);
      for (let k = 0; k < n; k++) {
        if (m[2] === '+') v += d;
        else v -= d;
        out.push(v);
      }
      continue;
    }
    m = /^(.+)x(\d+)$/.exec(item);
    if (m && parseValue(m[1]!) !== undefined) {
      const v = parseValue(m[1]!)!;
      for (let k = 0; k <= Number(m[2]); k++) out.push(v);
      continue;
    }
    const v = parseValue(item);
    if (v === undefined) throw new Error(`${where}: bad value ${JSON.stringify(item)}`);
    out.push(v);
  }
  return out;
}

function emptyExpect(): Expectations {
  return { fail: false, warn: 'unchecked', info: 'unchecked', warnTexts: [], infoTexts: [], ordered: false, series: [] };
}

/** Parses a whole test script. */
export function parseScript(text: string, file: string): Command[] {
  const lines = text.split('\n').map((l) => l.trim());
  const cmds: Command[] = [];
  let i = 0;
  const isBlank = (l: string | undefined): boolean => l === undefined || l === '' || l.startsWith('#');
  while (i < lines.length) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const where = `${file}:${lineNo}`;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const [word] = line.split(/\s+/, 1) as [string];
    const lw = word.toLowerCase();
    if (lw === 'clear') {
      cmds.push({ kind: 'clear', line: lineNo });
      i++;
      continue;
    }
    if (lw.startsWith('load')) {
      const interval = dur(line.split(/\s+/)[1] ?? '', where);
      const series: SeriesLine[] = [];
      i++;
      while (i < lines.length && !isBlank(lines[i])) {
        const [desc, vals] = splitSeries(lines[i]!);
        if (desc.endsWith('@st')) {
          i++;
          continue;
        }
        series.push({ labels: parseSeriesDesc(desc), values: expandValues(vals, `${file}:${i + 1}`) });
        i++;
      }
      cmds.push({ kind: 'load', line: lineNo, interval, series });
      continue;
    }
    if (lw.startsWith('eval')) {
      const expect = emptyExpect();
      if (lw === 'eval_fail') expect.fail = true;
      if (lw === 'eval_warn') expect.warn = 'some';
      if (lw === 'eval_info') expect.info = 'some';
      if (lw === 'eval_ordered') expect.ordered = true;
      const rest = line.slice(word.length).trim();
      let cmd: Command;
      let m = /^instant\s+at\s+(\S+)\s+(.*)$/.exec(rest);
      if (m) {
        cmd = { kind: 'eval', line: lineNo, mode: 'instant', at: dur(m[1]!, where), query: m[2]!, expect };
      } else {
        m = /^range\s+from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+)\s+(.*)$/.exec(rest);
        if (!m) throw new Error(`${where}: bad eval ${line}`);
        cmd = { kind: 'eval', line: lineNo, mode: 'range', start: dur(m[1]!, where), end: dur(m[2]!, where), step: dur(m[3]!, where), query: m[4]!, expect };
      }
      i++;
      while (i < lines.length && !isBlank(lines[i])) {
        const body = lines[i]!;
        i++;
        let mm: RegExpExecArray | null;
        if ((mm = /^expect\s+fail(?:\s+(msg|regex):\s*(.*))?$/.exec(body))) {
          expect.fail = true;
          if (mm[1] === 'msg') expect.failMsg = mm[2]!.trim();
          if (mm[1] === 'regex') expect.failRegex = mm[2]!.trim();
        } else if ((mm = /^expected_fail_message\s+(.*)$/.exec(body))) {
          expect.failMsg = mm[1]!.trim();
          break;
        } else if ((mm = /^expected_fail_regexp\s+(.*)$/.exec(body))) {
          expect.failRegex = mm[1]!.trim();
          break;
        } else if ((mm = /^expect\s+(warn|info)\b(?:\s+(msg|regex):\s*(.*))?$/.exec(body))) {
          const kind = mm[1] as 'warn' | 'info';
          expect[kind] = 'some';
          const texts = kind === 'warn' ? expect.warnTexts : expect.infoTexts;
          if (mm[2] === 'msg') texts.push({ msg: mm[3]!.trim() });
          else if (mm[2] === 'regex') texts.push({ regex: mm[3]!.trim() });
          else texts.push({ any: true });
        } else if ((mm = /^expect\s+no_(warn|info)\b/.exec(body))) {
          expect[mm[1] as 'warn' | 'info'] = 'none';
        } else if (/^expect\s+ordered$/.test(body)) {
          expect.ordered = true;
        } else if ((mm = /^expect\s+range\s+vector\s+from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+)$/.exec(body))) {
          expect.rangeVector = { from: dur(mm[1]!, where), to: dur(mm[2]!, where), step: dur(mm[3]!, where) };
        } else if ((mm = /^expect\s+string\s+(.*)$/.exec(body))) {
          const lit = mm[1]!.trim();
          expect.string = lit.startsWith('`') ? lit.slice(1, -1) : (JSON.parse(lit) as string);
        } else if (parseValue(body) !== undefined && !/[{]/.test(body)) {
          expect.scalar = parseValue(body)!;
          break;
        } else {
          const [desc, vals] = splitSeries(body);
          expect.series.push({ labels: parseSeriesDesc(desc), values: expandValues(vals, `${file}:${i}`) });
        }
      }
      cmds.push(cmd);
      continue;
    }
    throw new Error(`${where}: unknown command ${JSON.stringify(line)}`);
  }
  return cmds;
}
