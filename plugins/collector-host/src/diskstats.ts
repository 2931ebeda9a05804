import type { Sample } from '@panoptes/sdk';

/** node_exporter 1.5's default: partitions, RAM disks, loop and floppy devices are left out. */
export const DEFAULT_DISK_EXCLUDE = '^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$';

/** Bytes per sector in /proc/diskstats, fixed by the kernel whatever the device's own sector size. */
const SECTOR_BYTES = 512;

/**
 * Columns after major, minor and device name, as in the kernel's
 * Documentation/admin-guide/iostats.rst, with node_exporter's metric names
 * and scale (times in ms become seconds, sectors become bytes).
 */
const COLUMNS: readonly (readonly [string, number] | undefined)[] = [
  ['node_disk_reads_completed_total', 1],
  ['node_disk_reads_merged_total', 1],
  ['node_disk_read_bytes_total', SECTOR_BYTES],
  ['node_disk_read_time_seconds_total', 0.001],
  ['node_disk_writes_completed_total', 1],
  ['node_disk_writes_merged_total', 1],
  ['node_disk_written_bytes_total', SECTOR_BYTES],
  ['node_disk_write_time_seconds_total', 0.001],
  ['node_disk_io_now', 1],
  ['node_disk_io_time_seconds_total', 0.001],
  ['node_disk_io_time_weighted_seconds_total', 0.001],
  // Kernel 4.18+: discards.
  ['node_disk_discards_completed_total', 1],
  ['node_disk_discards_merged_total', 1],
  ['node_disk_discarded_sectors_total', 1],
  ['node_disk_discard_time_seconds_total', 0.001],
  // Kernel 5.5+: flushes.
  ['node_disk_flush_requests_total', 1],
  ['node_disk_flush_requests_time_seconds_total', 0.001],
];

/** node_disk_* from /proc/diskstats, one `device` label per disk. */
export function parseDiskstats(text: string, exclude: RegExp = new RegExp(DEFAULT_DISK_EXCLUDE)): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 14) continue;
    const device = f[2]!;
    if (exclude.test(device)) continue;
    COLUMNS.forEach((col, i) => {
      const raw = f[3 + i];
      if (!col || raw === undefined) return;
      out.push({ name: col[0], labels: { device }, value: Number(raw) * col[1] });
    });
  }
  return out;
}
