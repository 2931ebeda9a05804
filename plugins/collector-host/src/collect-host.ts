import { readFile } from 'node:fs/promises';
import { machine } from 'node:os';
import path from 'node:path';
import type { Sample } from '@panoptes/sdk';
import { parseDiskstats } from './diskstats.js';
import { collectFilesystems, parseMounts } from './filesystems.js';
import { parseLoadavg } from './loadavg.js';
import { parseMeminfo } from './meminfo.js';
import { parseNetDev } from './netdev.js';
import { parseProcStat } from './proc-stat.js';

export interface HostCollectorOptions {
  /** Where procfs is mounted: /proc, or e.g. /host/proc in a container. */
  readonly procPath: string;
  /** Prefix for statfs calls on mount points ('' on the host itself). */
  readonly rootfsPath: string;
  readonly diskExclude: RegExp;
  readonly netdevExclude: RegExp;
  readonly mountPointsExclude: RegExp;
  readonly fsTypesExclude: RegExp;
}

/** One node_exporter-style collector: a name and what it reads. */
type Section = readonly [name: string, collect: (o: HostCollectorOptions) => Promise<Sample[]>];

const read = (o: HostCollectorOptions, ...p: string[]): Promise<string> => readFile(path.join(o.procPath, ...p), 'utf8');
const readOr = (o: HostCollectorOptions, fallback: string, ...p: string[]): Promise<string> => read(o, ...p).catch(() => fallback);

/** The sections, named after node_exporter's collectors so node_scrape_collector_success reads the same. */
const SECTIONS: readonly Section[] = [
  ['cpu', async (o) => parseProcStat(await read(o, 'stat')).filter((s) => s.name.startsWith('node_cpu_'))],
  ['stat', async (o) => parseProcStat(await read(o, 'stat')).filter((s) => !s.name.startsWith('node_cpu_'))],
  ['meminfo', async (o) => parseMeminfo(await read(o, 'meminfo'))],
  ['loadavg', async (o) => parseLoadavg(await read(o, 'loadavg'))],
  ['diskstats', async (o) => parseDiskstats(await read(o, 'diskstats'), o.diskExclude)],
  ['netdev', async (o) => parseNetDev(await read(o, 'net', 'dev'), o.netdevExclude)],
  [
    'filesystem',
    async (o) => {
      // node_exporter reads PID 1's mount table: the host's view even when we run in a child mount namespace.
      const text = await read(o, '1', 'mounts').catch(() => read(o, 'mounts'));
      return collectFilesystems(parseMounts(text, o.mountPointsExclude, o.fsTypesExclude), o.rootfsPath);
    },
  ],
  ['time', async () => [{ name: 'node_time_seconds', value: Date.now() / 1000 }]],
  [
    'uname',
    async (o) => {
      const k = async (f: string): Promise<string> => (await readOr(o, '', 'sys', 'kernel', f)).trim();
      const labels = { sysname: await k('ostype'), release: await k('osrelease'), version: await k('version'), machine: machine(), nodename: await k('hostname'), domainname: await k('domainname') };
      return [{ name: 'node_uname_info', labels, value: 1 }];
    },
  ],
];

/**
 * Reads every section. A section that fails (a file missing in a
 * container, a hung mount) reports node_scrape_collector_success 0 and
 * leaves the others unharmed.
 */
export async function collectHost(o: HostCollectorOptions): Promise<Sample[]> {
  const results = await Promise.all(
    SECTIONS.map(async ([name, collect]) => {
      const started = performance.now();
      let samples: Sample[] = [];
      let ok = 1;
      try {
        samples = await collect(o);
      } catch {
        ok = 0;
      }
      samples.push(
        { name: 'node_scrape_collector_success', labels: { collector: name }, value: ok },
        { name: 'node_scrape_collector_duration_seconds', labels: { collector: name }, value: (performance.now() - started) / 1000 },
      );
      return samples;
    }),
  );
  return results.flat();
}
