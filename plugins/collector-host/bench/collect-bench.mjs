// Collection cost of collector-host on this machine: run `npm run bench -w @panoptes/plugin-collector-host`
// after `npx tsc -b`. Prints time per collection (mean, p50, p99), samples per collection and
// bytes of label data per collection. Bounded: 200 collections, about a second.
import { collectHost } from '../dist/index.js';
import { DEFAULT_DISK_EXCLUDE } from '../dist/diskstats.js';
import { DEFAULT_FS_TYPES_EXCLUDE, DEFAULT_MOUNT_POINTS_EXCLUDE } from '../dist/filesystems.js';
import { DEFAULT_NETDEV_EXCLUDE } from '../dist/netdev.js';

const options = {
  procPath: '/proc',
  rootfsPath: '',
  diskExclude: new RegExp(DEFAULT_DISK_EXCLUDE),
  netdevExclude: new RegExp(DEFAULT_NETDEV_EXCLUDE),
  mountPointsExclude: new RegExp(DEFAULT_MOUNT_POINTS_EXCLUDE),
  fsTypesExclude: new RegExp(DEFAULT_FS_TYPES_EXCLUDE),
};
const RUNS = 200;
for (let i = 0; i < 20; i++) await collectHost(options); // warm-up
const times = [];
const cpu0 = process.cpuUsage();
let samples = 0;
let labelBytes = 0;
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const out = await collectHost(options);
  times.push(performance.now() - t0);
  samples = out.length;
  labelBytes = out.reduce((a, s) => a + s.name.length + Object.entries(s.labels ?? {}).reduce((b, [k, v]) => b + k.length + v.length, 0), 0);
}
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000 / RUNS;
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / RUNS;
console.log(`collector-host: ${RUNS} collections`);
console.log(`  time per collection  mean ${mean.toFixed(2)} ms  p50 ${times[RUNS / 2].toFixed(2)} ms  p99 ${times[Math.floor(RUNS * 0.99)].toFixed(2)} ms`);
console.log(`  samples per collection ${samples}, label bytes per collection ${labelBytes}`);
console.log(`  CPU per collection ${cpuMs.toFixed(2)} ms (main thread and libuv pool): ${(cpuMs / 150).toFixed(3)}% of one core at the default 15s interval`);
