/**
 * Engine-only PromQL benchmark: the query kit's workload and queries
 * (../shared/bench) loaded into the in-memory store, so the figures show the
 * evaluator's cost apart from storage and HTTP.
 *
 *   npx tsc -b && node core/dist/promql/bench/engine-bench.js [hosts=200] [reps=5] [name-filter]
 *
 * Prints one line per query: median ms, series and points of the answer.
 */
import { readFileSync } from 'node:fs';
import { Engine } from '../engine/engine.js';
import { MemoryQueryable } from '../testing/memory-queryable.js';

interface Workload {
  series: { labels: [string, string][] }[];
  timestamps: number[];
  values: Float64Array;
  samplesPerSeries: number;
}

const KIT = new URL('../../../../../shared/bench/', import.meta.url);

async function main(): Promise<void> {
  const hosts = Number(process.argv[2] ?? 200);
  const reps = Number(process.argv[3] ?? 5);
  const only = process.argv[4];
  const { generate } = (await import(new URL('workload.mjs', KIT).href)) as { generate: (o: object) => Workload };
  const start = 1_700_006_400_000;
  const w = generate({ hosts, duration: '2h', start });
  const store = new MemoryQueryable();
  w.series.forEach((s, i) => {
    const labels = s.labels.map(([name, value]) => ({ name, value }));
    for (let k = 0; k < w.samplesPerSeries; k++) store.add(labels, w.timestamps[k]!, w.values[i * w.samplesPerSeries + k]!);
  });
  const end = w.timestamps[w.timestamps.length - 1]!;
  const engine = new Engine(store);
  const lines = readFileSync(new URL('queries.txt', KIT), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  let total = 0;
  for (const line of lines) {
    const m = /^(\S+)\s*\|\s*(instant|range\s+\S+)\s*\|\s*(.+)$/.exec(line.trim());
    if (!m) continue;
    const [, name, kind, expr] = m as unknown as [string, string, string, string];
    if (only && !name.includes(only)) continue;
    const times: number[] = [];
    let series = 0;
    let points = 0;
    for (let r = 0; r < reps + 1; r++) {
      const t0 = performance.now();
      let res;
      if (kind === 'instant') {
        res = await engine.instantQuery(expr, end);
      } else {
        const step = Number(kind.split(/\s+/)[1]!.replace('s', '')) * 1000;
        res = await engine.rangeQuery(expr, end - 7_200_000, end, step);
      }
      if (r > 0) times.push(performance.now() - t0);
      const d = res.data;
      series = d.resultType === 'vector' || d.resultType === 'matrix' ? d.result.length : 1;
      points = d.resultType === 'matrix' ? d.result.reduce((a, s) => a + s.t.length, 0) : series;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    total += median;
    console.log(`${name.padEnd(20)} ${median.toFixed(1).padStart(8)} ms  series=${series} points=${points}`);
  }
  console.log(`${'total'.padEnd(20)} ${total.toFixed(1).padStart(8)} ms`);
}

await main();
