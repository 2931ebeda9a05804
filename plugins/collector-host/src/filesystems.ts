import { statfs } from 'node:fs/promises';
import type { Sample } from '@panoptes/sdk';

/** node_exporter 1.5's defaults (Debian ships them unchanged): pseudo and container file systems are left out. */
export const DEFAULT_MOUNT_POINTS_EXCLUDE = '^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)';
export const DEFAULT_FS_TYPES_EXCLUDE =
  '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$';

export interface Mount {
  readonly device: string;
  readonly mountpoint: string;
  readonly fstype: string;
  readonly options: readonly string[];
}

/** Octal escapes the kernel uses in mount tables (`\040` for a space). */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** Mounts from /proc/<pid>/mounts, filtered like node_exporter and without repeats. */
export function parseMounts(text: string, mountPointsExclude: RegExp, fsTypesExclude: RegExp): Mount[] {
  const seen = new Set<string>();
  const out: Mount[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const m: Mount = { device: unescape(f[0]!), mountpoint: unescape(f[1]!), fstype: f[2]!, options: f[3]!.split(',') };
    if (mountPointsExclude.test(m.mountpoint) || fsTypesExclude.test(m.fstype)) continue;
    const key = `${m.device}\0${m.mountpoint}\0${m.fstype}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  return out;
}

/**
 * node_filesystem_* for each mount, from statfs(2). A mount whose statfs
 * fails reports node_filesystem_device_error 1 and nothing else, as
 * node_exporter does; `rootPrefix` lets a containerised collector look at
 * the host's mounts through a bind mount.
 */
export async function collectFilesystems(mounts: readonly Mount[], rootPrefix = ''): Promise<Sample[]> {
  const out: Sample[] = [];
  await Promise.all(
    mounts.map(async (m) => {
      const labels = { device: m.device, fstype: m.fstype, mountpoint: m.mountpoint };
      const readonly = m.options.includes('ro') ? 1 : 0;
      let s;
      try {
        s = await statfs(rootPrefix + m.mountpoint);
      } catch {
        out.push({ name: 'node_filesystem_device_error', labels, value: 1 }, { name: 'node_filesystem_readonly', labels, value: readonly });
        return;
      }
      out.push(
        { name: 'node_filesystem_size_bytes', labels, value: s.blocks * s.bsize },
        { name: 'node_filesystem_free_bytes', labels, value: s.bfree * s.bsize },
        { name: 'node_filesystem_avail_bytes', labels, value: s.bavail * s.bsize },
        { name: 'node_filesystem_files', labels, value: s.files },
        { name: 'node_filesystem_files_free', labels, value: s.ffree },
        { name: 'node_filesystem_readonly', labels, value: readonly },
        { name: 'node_filesystem_device_error', labels, value: 0 },
      );
    }),
  );
  return out;
}
