import type { Sample } from '@panoptes/sdk';

/** node_load1, node_load5, node_load15 from /proc/loadavg. */
export function parseLoadavg(text: string): Sample[] {
  const [l1, l5, l15] = text.trim().split(/\s+/).map(Number);
  if ([l1, l5, l15].some((v) => v === undefined || Number.isNaN(v))) return [];
  return [
    { name: 'node_load1', value: l1! },
    { name: 'node_load5', value: l5! },
    { name: 'node_load15', value: l15! },
  ];
}
