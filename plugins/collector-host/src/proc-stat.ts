import type { Sample } from '@panoptes/sdk';

/**
 * Jiffies per second of /proc/stat. The kernel reports CPU time in USER_HZ,
 * which is 100 on every Linux architecture user space sees (node_exporter
 * assumes the same).
 */
export const USER_HZ = 100;

const CPU_MODES = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

/** node_cpu_seconds_total, node_cpu_guest_seconds_total and node_boot_time_seconds from /proc/stat. */
export function parseProcStat(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    const head = f[0] ?? '';
    if (/^cpu\d+$/.test(head)) {
      const cpu = head.slice(3);
      const v = f.slice(1).map(Number);
      CPU_MODES.forEach((mode, i) => {
        if (v[i] !== undefined && !Number.isNaN(v[i])) out.push({ name: 'node_cpu_seconds_total', labels: { cpu, mode }, value: v[i]! / USER_HZ });
      });
      // Guest time is also counted in user/nice; node_exporter reports it apart, as we do.
      if (v[8] !== undefined) out.push({ name: 'node_cpu_guest_seconds_total', labels: { cpu, mode: 'user' }, value: v[8] / USER_HZ });
      if (v[9] !== undefined) out.push({ name: 'node_cpu_guest_seconds_total', labels: { cpu, mode: 'nice' }, value: v[9] / USER_HZ });
    } else if (head === 'btime') out.push({ name: 'node_boot_time_seconds', value: Number(f[1]) });
    else if (head === 'ctxt') out.push({ name: 'node_context_switches_total', value: Number(f[1]) });
    else if (head === 'intr') out.push({ name: 'node_intr_total', value: Number(f[1]) });
    else if (head === 'processes') out.push({ name: 'node_forks_total', value: Number(f[1]) });
    else if (head === 'procs_running') out.push({ name: 'node_procs_running', value: Number(f[1]) });
    else if (head === 'procs_blocked') out.push({ name: 'node_procs_blocked', value: Number(f[1]) });
  }
  return out;
}
