// A small HTTP server for the UI's browser tests: it serves the built UI (ui/dist,
// with the history fallback the real server uses) and answers the public API from
// fixture data, in the shapes documented in docs/ui.md. Listens on 127.0.0.1:0.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  BUILD_INFO, CATALOGUE, CONFIG_YAML, FLAGS, METADATA, PLUGINS, RUNTIME_INFO, TSDB_STATUS,
  alertsFixture, formatSample, metricsIn, rulesFixture, seriesFor, targetsFixture, valueAt, type Labels,
} from './fixture-data.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

interface Silence { id: string; matchers: { name: string; value: string; isRegex: boolean; isEqual?: boolean }[]; startsAt: string; endsAt: string; createdBy: string; comment: string; updatedAt: string }
interface StoredDashboard { id: string; title: string; tags?: string[]; version: number; updatedAt: string; [k: string]: unknown }

export interface FixtureServer { url: string; close(): Promise<void>; dashboards: Map<string, StoredDashboard>; silences: Map<string, Silence> }

/** Series count and points for the `bench_series` load test metric. */
export const BENCH_SERIES = 50;

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
const ok = (res: ServerResponse, data: unknown): void => send(res, 200, { status: 'success', data });
const bad = (res: ServerResponse, error: string, errorType = 'bad_data', code = 400): void => send(res, code, { status: 'error', errorType, error });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function params(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const p = new URLSearchParams(url.search);
  if (req.method === 'POST' && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(await readBody(req))) p.append(k, v);
  }
  return p;
}

function lineCol(src: string, offset: number): string {
  const before = src.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

/** The fixture's stand-in for PromQL: picks catalogue series, honours `agg by (labels)`. */
function evaluate(expr: string): { labels: Labels; at: (t: number) => number }[] | { scalar: number } | { error: string } {
  // Stands in for a real parse error: a doubled comparison, reported like Prometheus.
  const doubled = /==\s*(==)/.exec(expr);
  if (doubled) return { error: `${lineCol(expr, doubled.index + doubled[0].length - 2)}: parse error: unexpected <op:==>` };
  if (/^\s*bench_series\b/.test(expr)) {
    return Array.from({ length: BENCH_SERIES }, (_, i) => ({
      labels: { __name__: 'bench_series', series: String(i).padStart(2, '0'), job: 'bench' },
      at: (t: number) => 50 + i * 2 + 20 * Math.sin(t / (900 + i * 37)) + 5 * Math.sin(t / 60 + i),
    }));
  }
  const num = /^\s*\(?\s*(-?\d+(?:\.\d+)?)\s*(?:([+*])\s*(-?\d+(?:\.\d+)?))?\s*\)?\s*$/.exec(expr);
  if (num) {
    const a = Number(num[1]);
    const b = num[3] === undefined ? undefined : Number(num[3]);
    return { scalar: b === undefined ? a : num[2] === '+' ? a + b : a * b };
  }
  if (metricsIn(expr).length === 0) return [];
  // Shapes of the built-in Host overview, so its screenshots show plausible values.
  if (/^\s*100 \* \(1 -/.test(expr)) return [{ labels: {}, at: (t: number) => 45 + 25 * Math.sin(t / 700) }];
  if (/time\(\) - node_boot_time_seconds/.test(expr)) return [{ labels: {}, at: () => 3.4 * 86400 }];
  const defs = seriesFor(expr);
  const base = defs.map((d, i) => ({ labels: { ...d.labels }, at: (t: number) => valueAt(d, t, i) }));
  const agg = /\b(sum|avg|max|min|count)\s*(?:by\s*\(([^)]*)\))?\s*\(/.exec(expr);
  if (!agg) {
    // Functions drop the metric name, as in PromQL.
    if (/\b[a-z_]+\s*\(/.test(expr)) for (const s of base) delete s.labels['__name__'];
    return base;
  }
  const by = (agg[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const groups = new Map<string, { labels: Labels; members: typeof base }>();
  for (const s of base) {
    const labels: Labels = {};
    for (const k of by) if (s.labels[k] !== undefined) labels[k] = s.labels[k]!;
    const key = JSON.stringify(labels);
    const g = groups.get(key) ?? { labels, members: [] };
    g.members.push(s);
    groups.set(key, g);
  }
  const op = agg[1]!;
  return [...groups.values()].map((g) => ({
    labels: g.labels,
    at: (t: number) => {
      const vals = g.members.map((m) => m.at(t));
      if (op === 'count') return vals.length;
      if (op === 'max') return Math.max(...vals);
      if (op === 'min') return Math.min(...vals);
      const sum = vals.reduce((a, b) => a + b, 0);
      return op === 'avg' ? sum / vals.length : sum;
    },
  }));
}

function selectorMetric(match: string | null): string | undefined {
  if (!match) return undefined;
  return /__name__\s*=\s*"([^"]+)"/.exec(match)?.[1] ?? /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(match)?.[1];
}

function matches(labels: Labels, m: Silence['matchers'][number]): boolean {
  const v = labels[m.name] ?? '';
  const hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(v) : v === m.value;
  return m.isEqual === false ? !hit : hit;
}

function silenceState(s: Silence, now = Date.now()): 'active' | 'pending' | 'expired' {
  if (Date.parse(s.endsAt) <= now) return 'expired';
  return Date.parse(s.startsAt) > now ? 'pending' : 'active';
}

export async function startFixtureServer(distDir: string): Promise<FixtureServer> {
  const dashboards = new Map<string, StoredDashboard>();
  const silences = new Map<string, Silence>();

  function gettableAlerts() {
    return alertsFixture().map((a) => {
      const silencedBy = [...silences.values()].filter((s) => silenceState(s) === 'active' && s.matchers.every((m) => matches(a.labels, m))).map((s) => s.id);
      return {
        ...a, endsAt: new Date(Date.now() + 300_000).toISOString(), updatedAt: new Date().toISOString(), generatorURL: `/explore?expr=${encodeURIComponent(a.labels['alertname']!)}`,
        receivers: [{ name: a.labels['severity'] === 'critical' ? 'pager' : 'team-chat' }],
        status: { state: silencedBy.length ? 'suppressed' : 'active', silencedBy, inhibitedBy: [], mutedBy: [] },
      };
    });
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const p = await params(req, url);
    if (path === '/api/v1/query' || path === '/api/v1/query_range') {
      const expr = p.get('query') ?? '';
      if (!expr.trim()) return bad(res, 'invalid parameter "query": 1:1: parse error: no expression found in input');
      const result = evaluate(expr);
      if ('error' in result) return bad(res, `invalid parameter "query": ${result.error}`);
      if (path === '/api/v1/query') {
        const t = Number(p.get('time') ?? Date.now() / 1000);
        if ('scalar' in result) return ok(res, { resultType: 'scalar', result: [t, formatSample(result.scalar)] });
        return ok(res, { resultType: 'vector', result: result.map((s) => ({ metric: s.labels, value: [t, formatSample(s.at(t))] })) });
      }
      const start = Number(p.get('start'));
      const end = Number(p.get('end'));
      const step = Number(p.get('step'));
      if (!(step > 0)) return bad(res, 'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer');
      if (end < start) return bad(res, 'invalid parameter "end": end timestamp must not be before start time');
      if ((end - start) / step > 11000) return bad(res, 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
      const series = 'scalar' in result ? [{ labels: {}, at: () => result.scalar }] : result;
      const first = Math.ceil(start / step) * step;
      return ok(res, {
        resultType: 'matrix',
        result: series.map((s) => {
          const values: [number, string][] = [];
          for (let t = first; t <= end; t += step) values.push([Math.round(t * 1000) / 1000, formatSample(s.at(t))]);
          return { metric: s.labels, values };
        }),
      });
    }
    if (path === '/api/v1/format_query') {
      const result = evaluate(p.get('query') ?? '');
      if (!Array.isArray(result) && 'error' in result) return bad(res, `invalid parameter "query": ${result.error}`);
      // The fixture only normalises spacing; the real server pretty-prints the AST.
      return ok(res, (p.get('query') ?? '').replace(/\s+/g, ' ').trim());
    }
    if (path === '/api/v1/labels') {
      const metric = selectorMetric(p.get('match[]'));
      const names = new Set<string>();
      for (const d of CATALOGUE) if (!metric || d.labels['__name__'] === metric) for (const k of Object.keys(d.labels)) names.add(k);
      return ok(res, [...names].sort());
    }
    const lv = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
    if (lv) {
      const name = decodeURIComponent(lv[1]!);
      const metric = selectorMetric(p.get('match[]'));
      const values = new Set<string>();
      for (const d of CATALOGUE) if ((!metric || d.labels['__name__'] === metric) && d.labels[name] !== undefined) values.add(d.labels[name]!);
      return ok(res, [...values].sort());
    }
    if (path === '/api/v1/series') {
      const metric = selectorMetric(p.get('match[]'));
      if (!p.get('match[]')) return bad(res, 'no match[] parameter provided');
      return ok(res, CATALOGUE.filter((d) => d.labels['__name__'] === metric).map((d) => d.labels));
    }
    if (path === '/api/v1/metadata') return ok(res, METADATA);
    if (path === '/api/v1/targets') return ok(res, targetsFixture());
    if (path === '/api/v1/rules') return ok(res, rulesFixture());
    if (path === '/api/v1/alerts') {
      const groups = (rulesFixture() as { groups: { rules: { alerts?: unknown[] }[] }[] }).groups;
      return ok(res, { alerts: groups.flatMap((g) => g.rules.flatMap((r) => r.alerts ?? [])) });
    }
    if (path === '/api/v1/status/buildinfo') return ok(res, BUILD_INFO);
    if (path === '/api/v1/status/runtimeinfo') return ok(res, RUNTIME_INFO);
    if (path === '/api/v1/status/flags') return ok(res, FLAGS);
    if (path === '/api/v1/status/config') return ok(res, { yaml: CONFIG_YAML });
    if (path === '/api/v1/status/tsdb') return ok(res, TSDB_STATUS);
    if (path === '/api/v1/plugins') return ok(res, PLUGINS);

    if (path === '/api/v2/alerts') return send(res, 200, gettableAlerts());
    if (path === '/api/v2/alerts/groups') {
      const byName = new Map<string, ReturnType<typeof gettableAlerts>>();
      for (const a of gettableAlerts()) byName.set(a.labels['alertname']!, [...(byName.get(a.labels['alertname']!) ?? []), a]);
      return send(res, 200, [...byName.entries()].map(([alertname, alerts]) => ({ labels: { alertname }, receiver: { name: alerts[0]!.receivers[0]!.name }, alerts })));
    }
    if (path === '/api/v2/silences' && req.method === 'GET') {
      return send(res, 200, [...silences.values()].map((s) => ({ ...s, status: { state: silenceState(s) } })));
    }
    if (path === '/api/v2/silences' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as Omit<Silence, 'id' | 'updatedAt'> & { id?: string };
      if (!Array.isArray(body.matchers) || body.matchers.length === 0) return send(res, 400, 'silence has no matchers');
      const id = body.id ?? randomUUID();
      silences.set(id, { ...body, id, updatedAt: new Date().toISOString() });
      return send(res, 200, { silenceID: id });
    }
    const sil = /^\/api\/v2\/silence\/([^/]+)$/.exec(path);
    if (sil && req.method === 'DELETE') {
      const s = silences.get(decodeURIComponent(sil[1]!));
      if (!s) return send(res, 404, 'silence not found');
      s.endsAt = new Date().toISOString();
      s.updatedAt = s.endsAt;
      res.writeHead(200).end();
      return;
    }

    if (path === '/api/v1/dashboards' && req.method === 'GET') {
      return ok(res, [...dashboards.values()].map((d) => ({ id: d.id, title: d.title, tags: d.tags ?? [], updatedAt: d.updatedAt, version: d.version })));
    }
    if (path === '/api/v1/dashboards' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as StoredDashboard;
      if (typeof body.title !== 'string' || !body.title.trim()) return bad(res, 'a dashboard needs a title');
      const id = typeof body.id === 'string' && body.id ? body.id : randomUUID().slice(0, 8);
      if (dashboards.has(id)) return bad(res, `dashboard ${id} already exists`, 'bad_data', 409);
      const stored = { ...body, id, version: 1, updatedAt: new Date().toISOString() };
      dashboards.set(id, stored);
      return send(res, 201, { status: 'success', data: stored });
    }
    const dash = /^\/api\/v1\/dashboards\/([^/]+)$/.exec(path);
    if (dash) {
      const id = decodeURIComponent(dash[1]!);
      const existing = dashboards.get(id);
      if (!existing) return bad(res, `dashboard ${id} not found`, 'not_found', 404);
      if (req.method === 'GET') return ok(res, existing);
      if (req.method === 'DELETE') { dashboards.delete(id); return ok(res, null); }
      if (req.method === 'PUT') {
        const body = JSON.parse(await readBody(req)) as StoredDashboard;
        if (typeof body.version === 'number' && body.version !== existing.version) return bad(res, `dashboard ${id} changed since version ${body.version} (now ${existing.version}); reload it`, 'bad_data', 409);
        const stored = { ...body, id, version: existing.version + 1, updatedAt: new Date().toISOString() };
        dashboards.set(id, stored);
        return ok(res, stored);
      }
    }
    bad(res, `no route for ${req.method} ${path}`, 'not_found', 404);
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(distDir, safe);
    const s = await stat(file).catch(() => undefined);
    if (!s || s.isDirectory()) file = join(distDir, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
    res.end(body);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handle = url.pathname.startsWith('/api/') ? api(req, res, url) : serveStatic(res, url.pathname);
    handle.catch((err: unknown) => {
      if (!res.headersSent) bad(res, `fixture server: ${(err as Error).message}`, 'internal', 500);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    dashboards,
    silences,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
