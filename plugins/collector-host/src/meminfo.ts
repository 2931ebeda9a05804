import type { Sample } from '@panoptes/sdk';

/**
 * node_memory_* from /proc/meminfo, named as node_exporter names them:
 * `Active(anon)` becomes `Active_anon`, fields in kB become bytes with a
 * `_bytes` suffix, unit-less fields (HugePages_Total) keep their name.
 */
export function parseMeminfo(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([^:]+):\s+(\d+)(?:\s+(kB))?\s*$/.exec(line);
    if (!m) continue;
    const key = m[1]!.replace(/\((.*)\)/, '_$1');
    const value = Number(m[2]);
    out.push(m[3] ? { name: `node_memory_${key}_bytes`, value: value * 1024 } : { name: `node_memory_${key}`, value });
  }
  return out;
}
