import type { LabelMatcher } from '@panoptes/storage';
import type { FastifyRequest } from 'fastify';
import { parseDuration, parseExpr } from '../promql/index.js';
import { ApiError, invalidParam } from './errors.js';

/** Earliest and latest times a client can name (Prometheus's MinTime/MaxTime strings included). */
export const MIN_TIME = -8_640_000_000_000_000 / 1000;
export const MAX_TIME = 8_640_000_000_000_000 / 1000;
const MIN_TIME_FORMATTED = '-292273086-05-16T16:47:06Z';
const MAX_TIME_FORMATTED = '292277025-08-18T07:12:54.999999999Z';

/**
 * Request parameters as Go's r.Form sees them: the form-encoded body first,
 * then the URL query; repeated keys (`match[]`) keep every value.
 */
export class Params {
  private readonly values = new Map<string, string[]>();

  constructor(request: FastifyRequest) {
    const add = (k: string, v: string): void => {
      const list = this.values.get(k);
      if (list) list.push(v);
      else this.values.set(k, [v]);
    };
    const body = request.body;
    if (body instanceof URLSearchParams) for (const [k, v] of body) add(k, v);
    else if (typeof body === 'string') for (const [k, v] of new URLSearchParams(body)) add(k, v);
    else if (body && typeof body === 'object') {
      // A form parser registered elsewhere may hand us a plain object.
      for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
        for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') add(k, x);
      }
    }
    const q = request.url.indexOf('?');
    if (q >= 0) for (const [k, v] of new URLSearchParams(request.url.slice(q + 1))) add(k, v);
  }

  get(name: string): string {
    return this.values.get(name)?.[0] ?? '';
  }

  has(name: string): boolean {
    return (this.values.get(name)?.[0] ?? '') !== '';
  }

  getAll(name: string): string[] {
    return this.values.get(name) ?? [];
  }
}

/** Float Unix seconds (rounded to ms) or RFC 3339; ms. */
export function parseTime(s: string): number {
  const f = Number(s);
  if (s.trim() !== '' && Number.isFinite(f)) {
    const whole = Math.trunc(f);
    const frac = Math.round((f - whole) * 1000);
    return whole * 1000 + frac;
  }
  if (s === MIN_TIME_FORMATTED) return MIN_TIME;
  if (s === MAX_TIME_FORMATTED) return MAX_TIME;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
    const ms = Date.parse(s.replace(/(\.\d{3})\d+/, '$1'));
    if (!Number.isNaN(ms)) return ms;
  }
  throw new Error(`cannot parse ${JSON.stringify(s)} to a valid timestamp`);
}

export function timeParam(p: Params, name: string, fallback: number): number {
  if (!p.has(name)) return fallback;
  try {
    return parseTime(p.get(name));
  } catch (err) {
    throw invalidParam(name, err);
  }
}

/** Float seconds or a Prometheus duration; ms. */
export function parseDurationParam(s: string): number {
  const f = Number(s);
  if (s.trim() !== '' && !Number.isNaN(f)) {
    const ms = f * 1000;
    if (!Number.isFinite(ms) || Math.abs(ms) > 9.2e15) throw new Error(`cannot parse ${JSON.stringify(s)} to a valid duration. It overflows int64`);
    return ms;
  }
  const d = parseDuration(s);
  if (d === undefined) throw new Error(`cannot parse ${JSON.stringify(s)} to a valid duration`);
  return d;
}

export function durationParam(p: Params, name: string): number | undefined {
  if (!p.has(name)) return undefined;
  try {
    return parseDurationParam(p.get(name));
  } catch (err) {
    throw invalidParam(name, err);
  }
}

/** `limit`: 0 or absent means none. */
export function limitParam(p: Params): number {
  if (!p.has('limit')) return 0;
  const n = Number(p.get('limit'));
  if (!Number.isInteger(n) || n < 0) throw new ApiError('bad_data', 'limit must be a non-negative integer');
  return n;
}

/** Parses each `match[]` selector into matchers; each must have a matcher that rejects the empty string. */
export function matcherSets(p: Params): LabelMatcher[][] {
  return p.getAll('match[]').map((s) => {
    let e;
    try {
      e = parseExpr(s);
    } catch (err) {
      throw invalidParam('match[]', err);
    }
    if (e.type !== 'VectorSelector') throw invalidParam('match[]', new Error(`expected a vector selector, got ${JSON.stringify(s)}`));
    return e.matchers.map((m) => ({ type: m.type, name: m.name, value: m.value }));
  });
}

/** Decodes Grafana's `U__` escaping of label names (`U__http_2e_status` → `http.status`). */
export function unescapeLabelName(name: string): string {
  if (!name.startsWith('U__')) return name;
  let out = '';
  const s = name.slice(3);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '_') {
      out += c;
      continue;
    }
    if (s[i + 1] === '_') {
      out += '_';
      i++;
      continue;
    }
    const close = s.indexOf('_', i + 1);
    const hex = close > i ? s.slice(i + 1, close) : '';
    if (!/^[0-9a-fA-F]+$/.test(hex)) return name;
    out += String.fromCodePoint(parseInt(hex, 16));
    i = close;
  }
  return out;
}
