import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny exposition server for scrape tests: answers every request with what `respond` returns. */
export async function startExpositionServer(
  respond: (req: http.IncomingMessage) => { status?: number; body: string | Buffer; headers?: Record<string, string> },
): Promise<{ address: string; requests: http.IncomingMessage[]; close: () => Promise<void> }> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    const r = respond(req);
    res.writeHead(r.status ?? 200, r.headers ?? { 'content-type': 'text/plain; version=0.0.4' });
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
