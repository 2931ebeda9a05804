import { hostname } from 'node:os';
import { definePlugin, type Sample } from '@panoptes/sdk';
import { collectHost } from './collect-host.js';
import { DEFAULT_DISK_EXCLUDE } from './diskstats.js';
import { DEFAULT_FS_TYPES_EXCLUDE, DEFAULT_MOUNT_POINTS_EXCLUDE } from './filesystems.js';
import { DEFAULT_NETDEV_EXCLUDE } from './netdev.js';

export interface CollectorHostConfig {
  readonly interval: string;
  readonly job: string;
  readonly instance: string;
  readonly proc_path: string;
  readonly rootfs_path: string;
  readonly disk_exclude: string;
  readonly netdev_exclude: string;
  readonly mount_points_exclude: string;
  readonly fs_types_exclude: string;
}

/**
 * The host collector: the machine Panoptes runs on, with node_exporter's
 * metric names and labels so existing dashboards (e.g. "Node Exporter
 * Full") work. Every sample carries `job` and `instance` as if Panoptes had
 * scraped a node_exporter. On by default.
 */
export default definePlugin<CollectorHostConfig>({
  id: 'collector-host',
  version: '1.0.0',
  sdk: '^1.0.0',
  kinds: ['collector'],
  description: 'CPU, memory, disks, filesystems, network, load and boot time of this host, with node_exporter metric names.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      interval: { type: 'string', format: 'duration', default: '15s', description: 'How often to collect.' },
      job: { type: 'string', minLength: 1, default: 'node', description: 'The job label of every sample.' },
      instance: { type: 'string', default: '', description: 'The instance label of every sample; the host name when empty.' },
      proc_path: { type: 'string', minLength: 1, default: '/proc', description: 'Where procfs is mounted (e.g. /host/proc in a container).' },
      rootfs_path: { type: 'string', default: '', description: 'Prefix for mount points when the host root is mounted elsewhere (e.g. /host/root).' },
      disk_exclude: { type: 'string', format: 'regex', default: DEFAULT_DISK_EXCLUDE, description: 'Block devices to leave out.' },
      netdev_exclude: { type: 'string', format: 'regex', default: DEFAULT_NETDEV_EXCLUDE, description: 'Network devices to leave out.' },
      mount_points_exclude: { type: 'string', format: 'regex', default: DEFAULT_MOUNT_POINTS_EXCLUDE, description: 'Mount points to leave out.' },
      fs_types_exclude: { type: 'string', format: 'regex', default: DEFAULT_FS_TYPES_EXCLUDE, description: 'File system types to leave out.' },
    },
  },
  start(ctx) {
    const c = ctx.config;
    const target = { job: c.job, instance: c.instance || hostname() };
    const options = {
      procPath: c.proc_path,
      rootfsPath: c.rootfs_path,
      diskExclude: new RegExp(c.disk_exclude),
      netdevExclude: new RegExp(c.netdev_exclude),
      mountPointsExclude: new RegExp(c.mount_points_exclude),
      fsTypesExclude: new RegExp(c.fs_types_exclude),
    };
    const collected = ctx.metrics.counter({ name: 'collector_host_samples_total', help: 'Samples collected from this host.' });
    ctx.jobs.every({ name: 'collect', interval: c.interval }, async () => {
      const now = ctx.now();
      const samples: Sample[] = (await collectHost(options)).map((s) => ({ ...s, labels: { ...s.labels, ...target }, timestamp: now }));
      await ctx.appender.append(samples);
      collected.inc(samples.length);
    });
  },
});

export { collectHost, type HostCollectorOptions } from './collect-host.js';
