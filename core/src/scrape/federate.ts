import type { FastifyInstance } from 'fastify';
import type { Label, LabelMatcher, Storage } from '@panoptes/storage';
import { parseDuration } from '../config/index.js';
import { parseExpr } from '../promql/index.js';
import type { AreaContext } from '../server/area.js';

/**
 * Go's strconv.FormatFloat(v, 'g', -1, 64), which the text exposition
 * format uses for values: the shortest digits that round-trip, in exponent
 * form when the decimal exponent is below -4 or at least 6 (Go decides with
 * precision 6 for the shortest form): `1e+06`, `1.234567e+06`, `123456`,
 * `0.0001`, `1e-05`.
 */
export function formatExpositionFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const neg = v < 0;
  const [mant, expStr] = Math.abs(v).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  let out: string;
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    out = `${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  } else if (exp < 0) out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  else if (digits.length <= exp + 1) out = digits + '0'.repeat(exp + 1 - digits.length);
  else out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return neg ? `-${out}` : out;
}

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

const scratch = new Float64Array(1);
const scratchBits = new BigUint64Array(scratch.buffer);
function isStale(v: number): boolean {
  scratch[0] = v;
  return scratchBits[0] === 0x7ff0000000000002n;
}

function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.type) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
      return new RegExp(`^(?:${m.value})$`, 's').test('');
    case '!~':
      return !new RegExp(`^(?:${m.value})$`, 's').test('');
  }
}

/** Parses `match[]` selectors; throws with the selector named. */
export function parseMatchParams(values: readonly string[]): LabelMatcher[][] {
  return values.map((s) => {
    const e = parseExpr(s);
    if (e.type !== 'VectorSelector') throw new Error(`match[] ${JSON.stringify(s)} is not a series selector`);
    const matchers = e.matchers.map((m) => ({ type: m.type, name: m.name, value: m.value }));
    if (matchers.every(matchesEmpty)) {
      throw new Error(`match[] ${JSON.stringify(s)} must contain at least one matcher that does not match the empty string`);
    }
    return matchers;
  });
}

/**
 * The `/federate` exposition: for every series matching any `match[]`, its
 * newest sample within the lookback window before `now` (series whose newest
 * sample is a stale marker are left out), with the external labels added
 * where the series lacks them, grouped by metric name under `# TYPE name
 * untyped`, timestamps in ms — what Prometheus' federation handler writes.
 */
export async function federate(storage: Storage, sets: readonly LabelMatcher[][], now: number, lookbackMs: number, externalLabels: Readonly<Record<string, string>>): Promise<string> {
  const q = await storage.querier(now - lookbackMs, now);
  const latest = new Map<string, { labels: readonly Label[]; t: number; v: number }>();
  try {
    for (const matchers of sets) {
      for (const s of await q.select({ start: now - lookbackMs, end: now, func: 'series' }, matchers)) {
        const key = s.labels.map((l) => `${l.name}\u0000${l.value}`).join('\u0001');
        if (latest.has(key)) continue;
        const it = s.iterator();
        let t = NaN;
        let v = 0;
        while (it.next()) {
          if (it.at() > now) break;
          t = it.at();
          v = it.value();
        }
        if (!Number.isNaN(t) && !isStale(v)) latest.set(key, { labels: s.labels, t, v });
      }
    }
  } finally {
    await q.close();
  }
  const byName = new Map<string, string[]>();
  for (const { labels, t, v } of latest.values()) {
    const name = labels.find((l) => l.name === '__name__')?.value ?? '';
    const all = new Map(labels.filter((l) => l.name !== '__name__').map((l) => [l.name, l.value]));
    for (const [k, val] of Object.entries(externalLabels)) if (!all.has(k)) all.set(k, val);
    const inner = [...all].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, val]) => `${k}="${escapeLabelValue(val)}"`).join(',');
    const line = `${name}${inner ? `{${inner}}` : ''} ${formatExpositionFloat(v)} ${t}`;
    const list = byName.get(name) ?? [];
    list.push(line);
    byName.set(name, list);
  }
  let out = '';
  for (const name of [...byName.keys()].sort()) {
    out += `# TYPE ${name} untyped\n`;
    for (const line of byName.get(name)!.sort()) out += `${line}\n`;
  }
  return out;
}

/** Registers GET /federate. */
export function registerFederateRoute(app: FastifyInstance, ctx: AreaContext): void {
  app.get('/federate', async (request, reply) => {
    const raw = (request.query as Record<string, string | string[] | undefined>)['match[]'];
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    let sets: LabelMatcher[][];
    try {
      sets = parseMatchParams(values);
    } catch (err) {
      return reply.code(400).type('text/plain; charset=utf-8').send(`bad match[]: ${(err as Error).message}\n`);
    }
    const cfg = ctx.config();
    const body = await federate(ctx.storage, sets, Date.now(), parseDuration(cfg.query.lookback_delta) ?? 300_000, cfg.global.external_labels);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(body);
  });
}
