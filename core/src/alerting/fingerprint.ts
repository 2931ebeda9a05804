/**
 * Alert identity as Prometheus and Alertmanager compute it
 * (prometheus/common model.labelSetToFingerprint): FNV-1a 64 over the label
 * pairs sorted by name, each name and value followed by byte 0xff, printed
 * as 16 lowercase hex digits.
 */

// FNV-1a 64 in two 32-bit halves: BigInt arithmetic per byte was the hot spot of rule evaluation.
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
/** The FNV 64-bit prime is 2^40 + 0x1b3. */
const PRIME_LO = 0x1b3;
const SEP = 0xff;
const TWO_32 = 0x1_0000_0000;

const encoder = new TextEncoder();

/** The 64-bit fingerprint of a label set, as a 16-digit hex string. An empty set hashes to the FNV offset, as upstream. */
export function fingerprint(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  const add = (b: number): void => {
    lo = (lo ^ b) >>> 0;
    // h * (2^40 + 0x1b3) mod 2^64, with h = hi·2^32 + lo.
    const l = lo * PRIME_LO;
    hi = (Math.imul(hi, PRIME_LO) + (lo << 8) + Math.floor(l / TWO_32)) >>> 0;
    lo = l >>> 0;
  };
  const addString = (str: string): void => {
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      if (c >= 0x80) {
        // Non-ASCII: hash the UTF-8 bytes of the rest of the string.
        for (const b of encoder.encode(str.slice(i))) add(b);
        return;
      }
      add(c);
    }
  };
  for (const name of names) {
    addString(name);
    add(SEP);
    addString(labels[name]!);
    add(SEP);
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** A canonical string key for a label set: sorted, unambiguous. */
export function labelsKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}
