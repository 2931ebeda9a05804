import { benchChunkenc } from './chunkenc-bench.js';
import { benchIngest } from './ingest-bench.js';
import { benchSelect } from './select-bench.js';
import { benchStorage } from './storage-bench.js';

/** `npm run bench` in storage/: prints figures, asserts nothing. */
const benches: Record<string, (print: (line: string) => void) => Promise<void>> = {
  chunkenc: benchChunkenc,
  storage: benchStorage,
  select: (print) => benchSelect(print),
  ingest: benchIngest,
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await run((line) => console.log(line));
}
