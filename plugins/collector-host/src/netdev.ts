import type { Sample } from '@panoptes/sdk';

/** node_exporter 1.5's default: the loopback device is left out. */
export const DEFAULT_NETDEV_EXCLUDE = '^lo$';

const RECEIVE = ['bytes', 'packets', 'errs', 'drop', 'fifo', 'frame', 'compressed', 'multicast'];
const TRANSMIT = ['bytes', 'packets', 'errs', 'drop', 'fifo', 'colls', 'carrier', 'compressed'];

/** node_network_{receive,transmit}_*_total from /proc/net/dev, one `device` label per interface. */
export function parseNetDev(text: string, exclude: RegExp = new RegExp(DEFAULT_NETDEV_EXCLUDE)): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([^:\s]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const device = m[1]!;
    if (exclude.test(device)) continue;
    const v = m[2]!.trim().split(/\s+/).map(Number);
    RECEIVE.forEach((name, i) => v[i] !== undefined && out.push({ name: `node_network_receive_${name}_total`, labels: { device }, value: v[i]! }));
    TRANSMIT.forEach((name, i) => v[8 + i] !== undefined && out.push({ name: `node_network_transmit_${name}_total`, labels: { device }, value: v[8 + i]! }));
  }
  return out;
}
