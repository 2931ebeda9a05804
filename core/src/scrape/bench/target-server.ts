/**
 * Serves many scrape targets from one port for the scrape benchmark:
 * `/metrics?target=tN` answers 500 node_exporter-like series whose values
 * change on every scrape. Run as a child process so its CPU is not counted
 * as the server's. Prints `listening <port>` when ready.
 *
 * usage: node target-server.js [series per target, default 500]
 */
import http from 'node:http';

const perTarget = Number(process.argv[2] ?? 500);
const counters = new Map<string, number>();

function body(target: string): string {
  const n = (counters.get(target) ?? 0) + 1;
  counters.set(target, n);
  let out = '# HELP bench_cpu_seconds_total Seconds the CPUs spent in each mode.\n# TYPE bench_cpu_seconds_total counter\n';
  for (let i = 0; i < perTarget; i++) {
    const cpu = i % 16;
    const mode = ['user', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'nice'][Math.floor(i / 16) % 8];
    const shard = Math.floor(i / 128);
    out += `bench_cpu_seconds_total{cpu="${cpu}",mode="${mode}",shard="${shard}"} ${(n * 1.37 + i * 0.01).toFixed(2)}\n`;
  }
  return out;
}

const server = http.createServer((req, res) => {
  const target = new URL(req.url ?? '/', 'http://x').searchParams.get('target') ?? 'none';
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  res.end(body(target));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const a = server.address() as { port: number };
  console.log(`listening ${a.port}`);
});
