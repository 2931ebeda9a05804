import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Sample } from '@panoptes/sdk';
import { parseDiskstats } from './diskstats.js';
import { DEFAULT_FS_TYPES_EXCLUDE, DEFAULT_MOUNT_POINTS_EXCLUDE, parseMounts } from './filesystems.js';
import { parseLoadavg } from './loadavg.js';
import { parseMeminfo } from './meminfo.js';
import { parseNetDev } from './netdev.js';
import { parseProcStat } from './proc-stat.js';

// Shared fixtures live beside the repository: <repo>/../shared/fixtures/linux-proc.
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures/linux-proc');
const vm = (f: string): string => readFileSync(path.join(FIXTURES, 'debian12-kernel6.18-vm', f), 'utf8');
const ne = (f: string): string => readFileSync(path.join(FIXTURES, 'node_exporter', f), 'utf8');
const find = (samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels?.[k] === v))?.value;

describe('collector-host parsers (captured /proc files)', () => {
  it('reads CPU seconds per cpu and mode, and boot time', () => {
    const s = parseProcStat(vm('proc_stat_t0'));
    // cpu0 15620 0 10094 42418 156 0 184 0 ... in USER_HZ.
    expect(find(s, 'node_cpu_seconds_total', { cpu: '0', mode: 'user' })).toBeCloseTo(156.2);
    expect(find(s, 'node_cpu_seconds_total', { cpu: '0', mode: 'idle' })).toBeCloseTo(424.18);
    expect(find(s, 'node_cpu_seconds_total', { cpu: '1', mode: 'softirq' })).toBeCloseTo(3.14);
    expect(s.filter((x) => x.name === 'node_cpu_seconds_total')).toHaveLength(16);
    expect(find(s, 'node_boot_time_seconds')).toBeGreaterThan(1.6e9);
  });

  it('sees the CPU spin between the two snapshots', () => {
    const busy = (t: string): number =>
      parseProcStat(vm(t))
        .filter((x) => x.name === 'node_cpu_seconds_total' && x.labels?.mode !== 'idle' && x.labels?.mode !== 'iowait')
        .reduce((a, x) => a + x.value, 0);
    expect(busy('proc_stat_t1') - busy('proc_stat_t0')).toBeGreaterThan(3.5);
  });

  it('names meminfo fields as node_exporter does', () => {
    const s = parseMeminfo(ne('proc_meminfo'));
    expect(find(s, 'node_memory_MemTotal_bytes')).toBe(3742148 * 1024);
    expect(find(s, 'node_memory_Active_anon_bytes')).toBeDefined();
    expect(find(s, 'node_memory_HugePages_Total')).toBe(0);
    expect(s.every((x) => /^node_memory_[A-Za-z0-9_]+$/.test(x.name))).toBe(true);
  });

  it('reads load averages', () => {
    expect(parseLoadavg(vm('proc_loadavg_t0')).map((x) => x.value)).toEqual([12.45, 5.67, 2.3]);
    expect(parseLoadavg('garbage')).toEqual([]);
  });

  it('reads disks in bytes and seconds, leaving out loop devices and partitions', () => {
    const s = parseDiskstats(vm('proc_diskstats_t0'));
    const devices = new Set(s.map((x) => x.labels?.device));
    expect(devices.has('loop0')).toBe(false);
    expect(devices.has('vda')).toBe(true);
    const written = (t: string): number => find(parseDiskstats(vm(t)), 'node_disk_written_bytes_total', { device: 'vda' })!;
    // 300 MiB were written between t0 and t1.
    expect(written('proc_diskstats_t1') - written('proc_diskstats_t0')).toBeGreaterThanOrEqual(300 * 1024 * 1024);
    const all = parseDiskstats(ne('proc_diskstats'));
    expect(new Set(all.map((x) => x.labels?.device))).not.toContain('sda1');
  });

  it('reads network counters without lo', () => {
    const s = parseNetDev(vm('proc_net_dev_t0'));
    expect(new Set(s.map((x) => x.labels?.device))).toEqual(new Set(['eth0', 'ifb0', 'ifb1']));
    expect(s.filter((x) => x.labels?.device === 'eth0')).toHaveLength(16);
    expect(find(s, 'node_network_receive_bytes_total', { device: 'eth0' })).toBeGreaterThan(0);
  });

  it('filters and decodes mounts', () => {
    const text = ['/dev/vda / ext4 rw,relatime 0 0', 'proc /proc proc rw 0 0', 'tmpfs /run tmpfs rw 0 0', '/dev/vdb /data\\040disk xfs ro 0 0', '/dev/vda / ext4 rw 0 0'].join('\n');
    const mounts = parseMounts(text, new RegExp(DEFAULT_MOUNT_POINTS_EXCLUDE), new RegExp(DEFAULT_FS_TYPES_EXCLUDE));
    expect(mounts.map((m) => m.mountpoint)).toEqual(['/', '/data disk']);
    expect(mounts[1]?.options).toContain('ro');
  });
});
