import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint.js';

/** Straightforward BigInt FNV-1a 64, the reference the fast version must match. */
function reference(labels: Record<string, string>): string {
  let h = 0xcbf29ce484222325n;
  const add = (b: number) => {
    h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  for (const k of Object.keys(labels).sort()) {
    for (const b of new TextEncoder().encode(k)) add(b);
    add(0xff);
    for (const b of new TextEncoder().encode(labels[k]!)) add(b);
    add(0xff);
  }
  return h.toString(16).padStart(16, '0');
}

describe('fingerprint', () => {
  it('is the FNV offset for no labels, as prometheus/common', () => {
    expect(fingerprint({})).toBe('cbf29ce484222325');
  });
  it.each([
    [{ alertname: 'InstanceDown', instance: 'host-1:9100', job: 'node' }],
    [{ a: 'b' }],
    [{ ünïcode: '日本', x: '' }],
    [{ alertname: 'AlwaysFiring' }],
  ])('matches the reference for %j', (labels) => expect(fingerprint(labels)).toBe(reference(labels)));
});
