/**
 * Alert identity as Prometheus and Alertmanager compute it
 * (prometheus/common model.labelSetToFingerprint): FNV-1a 64 over the label
 * pairs sorted by name, each name and value followed by byte 0xff, printed
 * as 16 lowercase hex digits.
 */

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const SEP = 0xff;

const encoder = new TextEncoder();

function fnvAdd(h: bigint, bytes: Uint8Array): bigint {
  for (const b of bytes) h = ((h ^ BigInt(b)) * PRIME) & MASK;
  return h;
}

/** The 64-bit fingerprint of a label set, as a 16-digit hex string. An empty set hashes to the FNV offset, as upstream. */
export function fingerprint(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  let h = OFFSET;
  for (const name of names) {
    h = fnvAdd(h, encoder.encode(name));
    h = ((h ^ BigInt(SEP)) * PRIME) & MASK;
    h = fnvAdd(h, encoder.encode(labels[name]!));
    h = ((h ^ BigInt(SEP)) * PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}

/** A canonical string key for a label set: sorted, unambiguous. */
export function labelsKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}
