import http from 'node:http';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createIngestArea } from '../area.js';
import { DEFAULT_INGEST_LIMITS } from '../limits.js';
import { PushWriter } from '../push-writer.js';
import { createTestAreaContext } from '../testing/area-context.js';
import { MemoryStorage } from '../testing/memory-storage.js';
import { openTsdbMetricName, openTsdbTagKey, parseOpenTsdbTimestamp, parsePutArgs } from './opentsdb-point.js';
import { startTelnetListener } from './telnet-listener.js';

describe('OpenTSDB points', () => {
  it('maps dotted names to Prometheus names', () => {
    expect(openTsdbMetricName('sys.cpu.user')).toBe('sys_cpu_user');
    expect(openTsdbMetricName('disk-io/read')).toBe('disk_io_read');
    expect(openTsdbMetricName('1min.load')).toBe('_1min_load');
    expect(openTsdbTagKey('host.name')).toBe('host_name');
    expect(openTsdbTagKey('__name__')).toBe('tag__name__');
  });

  it.each([
    ['1356998400', 1356998400000],
    ['1356998400123', 1356998400123],
    ['1356998400.123', 1356998400123],
    [1356998400, 1356998400000],
    ['0', /greater than 0/],
    ['-5', /invalid timestamp/],
    ['13569984001234', /13 digits/],
    ['abc', /invalid timestamp/],
  ])('timestamp %j', (raw, want) => {
    const got = parseOpenTsdbTimestamp(raw);
    if (typeof want === 'number') expect(got).toBe(want);
    else expect(got).toMatch(want);
  });

  it('parses put lines and explains bad ones', () => {
    expect(parsePutArgs(['sys.cpu.user', '1356998400', '42.5', 'host=web01', 'cpu=0'])).toEqual({
      labels: [{ name: '__name__', value: 'sys_cpu_user' }, { name: 'host', value: 'web01' }, { name: 'cpu', value: '0' }],
      t: 1356998400000,
      v: 42.5,
    });
    expect(parsePutArgs(['m', '1356998400', '1'])).toMatch(/not enough arguments/);
    expect(parsePutArgs(['m', '1356998400', 'x', 'a=b'])).toMatch(/^invalid value: unable to parse value "x"/);
    expect(parsePutArgs(['m', '1356998400', '1', 'novalue'])).toMatch(/invalid tag "novalue"/);
  });
});

let app: FastifyInstance | undefined;
let closeListener: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeListener?.();
  await app?.close();
  app = undefined;
  closeListener = undefined;
});

async function startApp(storage: MemoryStorage): Promise<FastifyInstance> {
  const ctx = createTestAreaContext(storage);
  app = Fastify();
  await app.register(async (scope) => createIngestArea({ limits: DEFAULT_INGEST_LIMITS })(scope, ctx));
  await app.ready();
  return app;
}

describe('POST /api/put', () => {
  const good = { metric: 'sys.cpu.nice', timestamp: 1346846400, value: 18, tags: { host: 'web01', dc: 'lga' } };

  it('stores a single object or an array and answers 204', async () => {
    const storage = new MemoryStorage();
    await startApp(storage);
    let res = await app!.inject({ method: 'POST', url: '/api/put', payload: good });
    expect(res.statusCode).toBe(204);
    res = await app!.inject({ method: 'POST', url: '/api/put', payload: [{ ...good, timestamp: 1346846401500, value: '19' }] });
    expect(res.statusCode).toBe(204);
    expect(storage.find({ __name__: 'sys_cpu_nice', host: 'web01', dc: 'lga' })).toMatchObject({ timestamps: [1346846400000, 1346846401500], values: [18, 19] });
  });

  it('reports failures as OpenTSDB does, with summary and details', async () => {
    const storage = new MemoryStorage();
    await startApp(storage);
    const batch = [good, { ...good, tags: {} }, { ...good, value: 'abc' }, { ...good, metric: '' }, { ...good, timestamp: 0 }];
    let res = await app!.inject({ method: 'POST', url: '/api/put', payload: batch });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 400, message: 'One or more data points had errors' });
    res = await app!.inject({ method: 'POST', url: '/api/put?summary', payload: batch });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ failed: 4, success: 1 });
    res = await app!.inject({ method: 'POST', url: '/api/put?summary&details', payload: batch });
    const body = res.json();
    expect(body.success).toBe(1);
    expect(body.errors.map((e: { error: string }) => e.error)).toEqual(['Missing tags', 'Unable to parse value to a number: unable to parse value "abc" to a number', 'Metric name was empty', 'invalid timestamp "0": must be greater than 0']);
    expect(body.errors[0].datapoint).toEqual({ ...good, tags: {} });
    res = await app!.inject({ method: 'POST', url: '/api/put?summary', payload: [good] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ failed: 0, success: 1 });
  });

  it('accepts gzip bodies and rejects bad JSON with 400', async () => {
    const storage = new MemoryStorage();
    await startApp(storage);
    let res = await app!.inject({ method: 'POST', url: '/api/put', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: gzipSync(JSON.stringify([good])) });
    expect(res.statusCode).toBe(204);
    res = await app!.inject({ method: 'POST', url: '/api/put', headers: { 'content-type': 'application/json' }, payload: '[{"metric":' });
    expect(res.statusCode).toBe(400);
  });
});

function talk(address: string, send: string, expectLines: number): Promise<string[]> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, host, () => sock.write(send));
    let got = '';
    sock.on('data', (d) => {
      got += d.toString();
      const lines = got.split('\n').filter((l) => l !== '');
      if (lines.length >= expectLines) {
        sock.end();
        resolve(lines);
      }
    });
    sock.on('error', reject);
  });
}

describe('telnet listener', () => {
  it('stores put lines, answers version and errors, keeps the connection', async () => {
    const storage = new MemoryStorage();
    const writer = new PushWriter(() => storage, DEFAULT_INGEST_LIMITS);
    const l = await startTelnetListener({ host: '127.0.0.1', port: 0, writer: () => writer, logger: pino({ level: 'silent' }) });
    closeListener = l.close;
    const lines = await talk(l.address, 'put sys.load.1m 1356998400 1.5 host=a\nput bad\nversion\nstats\nput sys.load.1m 1356998460 2 host=a\r\nversion\n', 4);
    expect(lines[0]).toMatch(/^put: illegal argument: not enough arguments/);
    expect(lines[1]).toMatch(/^net\.opentsdb\.tools BuildData built at revision .*Panoptes/);
    expect(lines[2]).toMatch(/^unknown command: stats/);
    expect(lines[3]).toMatch(/BuildData/);
    await new Promise((r) => setTimeout(r, 50));
    expect(storage.find({ __name__: 'sys_load_1m', host: 'a' })).toMatchObject({ timestamps: [1356998400000, 1356998460000], values: [1.5, 2] });
  });

  it('hands HTTP on the same port to the HTTP server', async () => {
    const storage = new MemoryStorage();
    await startApp(storage);
    const writer = new PushWriter(() => storage, DEFAULT_INGEST_LIMITS);
    const l = await startTelnetListener({ host: '127.0.0.1', port: 0, writer: () => writer, logger: pino({ level: 'silent' }), http: app!.server });
    closeListener = l.close;
    const port = Number(l.address.split(':')[1]);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/put', headers: { 'content-type': 'application/json', connection: 'close' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ metric: 'via.http', timestamp: 1356998400, value: 7, tags: { host: 'b' } }));
    });
    expect(status).toBe(204);
    expect(storage.find({ __name__: 'via_http', host: 'b' })?.values).toEqual([7]);
  });
});
