import net from 'node:net';
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { VERSION } from '../../version.js';
import type { PushPoint, PushWriter } from '../push-writer.js';
import { parsePutArgs } from './opentsdb-point.js';

/** Longest line accepted; a longer one is answered with an error and dropped, so a client cannot grow a buffer without bound. */
const MAX_LINE = 64 * 1024;
/** Lines gathered before one durable commit; the batch is flushed at the end of every read too. */
const MAX_BATCH = 5000;
const HTTP_METHOD = /^(GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH) /;

export interface TelnetListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly writer: () => PushWriter;
  readonly logger: Logger;
  /** Connections whose first bytes look like HTTP are handed to this server (OpenTSDB shares one port for both). */
  readonly http?: HttpServer;
  readonly onResult?: (ok: number, failed: number) => void;
}

/**
 * The OpenTSDB line protocol on a TCP port (default 4242): `put` lines are
 * stored in batches (no reply on success, `put: <error>` per bad line,
 * connection kept), `version` is answered so tcollector does not blacklist
 * us, other commands get a short reply. When the first bytes are an HTTP
 * request line, the socket goes to the HTTP server instead.
 */
export async function startTelnetListener(opts: TelnetListenerOptions): Promise<{ address: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  /** Batches being stored; close() waits for them so nothing read from a client is lost at shutdown. */
  const inFlight = new Set<Promise<void>>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', (first: Buffer) => {
      if (opts.http && HTTP_METHOD.test(first.subarray(0, 8).toString('latin1'))) {
        sockets.delete(socket);
        socket.pause();
        socket.unshift(first);
        opts.http.emit('connection', socket);
        socket.resume();
        return;
      }
      serveLines(socket, first, opts, inFlight);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const a = server.address() as net.AddressInfo;
  return {
    address: `${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...inFlight]);
    },
  };
}

function serveLines(socket: net.Socket, first: Buffer, opts: TelnetListenerOptions, inFlight: Set<Promise<void>>): void {
  let pending = '';
  let points: PushPoint[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const reply = (line: string): void => {
    if (!socket.destroyed) socket.write(`${line}\n`);
  };
  const flush = (): void => {
    if (points.length === 0) return;
    const batch = points;
    points = [];
    const run = flushing.then(async () => {
      try {
        const r = await opts.writer().write(batch);
        for (const e of r.rejected) reply(`put: illegal argument: ${e.error}`);
        opts.onResult?.(r.accepted, r.rejected.length);
      } catch (err) {
        opts.logger.error({ err: (err as Error).message }, 'opentsdb: storing a batch failed');
        reply(`put: storage error, data not stored: ${(err as Error).message}`);
      }
    });
    flushing = run;
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  };
  const onLine = (raw: string): void => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const words = line.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return;
    const cmd = words[0]!;
    switch (cmd) {
      case 'put': {
        const p = parsePutArgs(words.slice(1));
        if (typeof p === 'string') {
          reply(`put: ${p}`);
          opts.onResult?.(0, 1);
        } else {
          points.push(p);
          if (points.length >= MAX_BATCH) flush();
        }
        return;
      }
      case 'version':
        reply(`net.opentsdb.tools BuildData built at revision panoptes (Panoptes ${VERSION})`);
        return;
      case 'exit':
        flush();
        void flushing.then(() => socket.end());
        return;
      default:
        reply(`unknown command: ${cmd.slice(0, 64)}.  Try \`help'.`);
    }
  };
  const onData = (chunk: Buffer): void => {
    pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
    if (pending.length > MAX_LINE) {
      reply(`put: illegal argument: line longer than ${MAX_LINE} bytes`);
      pending = '';
    }
    flush();
  };
  socket.on('data', onData);
  socket.on('end', () => {
    if (pending !== '') onLine(pending);
    pending = '';
    flush();
  });
  onData(first);
}
