import type { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';

/**
 * Gorilla delta-of-delta buckets for timestamps from the third sample on.
 * Regular scrapes give dod 0 (one bit); jitter of a few ms fits 14 bits.
 * Anything past 20 bits is written as a zig-zag varint after the 1111 prefix,
 * so any ms timestamp up to 2^53 round-trips.
 */
export function writeDod(w: BitWriter, dod: number): void {
  if (dod === 0) {
    w.writeBit(0);
  } else if (dod >= -8191 && dod <= 8192) {
    w.writeBits(0b10, 2);
    w.writeBits(dod & 0x3fff, 14);
  } else if (dod >= -65535 && dod <= 65536) {
    w.writeBits(0b110, 3);
    w.writeBits(dod & 0x1ffff, 17);
  } else if (dod >= -524287 && dod <= 524288) {
    w.writeBits(0b1110, 4);
    w.writeBits(dod & 0xfffff, 20);
  } else {
    w.writeBits(0b1111, 4);
    w.writeVarint(dod);
  }
}

function signed(u: number, bits: number): number {
  return u >= 2 ** (bits - 1) ? u - 2 ** bits : u;
}

export function readDod(r: BitReader): number {
  if (r.readBit() === 0) return 0;
  if (r.readBit() === 0) return signed(r.readBits(14), 14);
  if (r.readBit() === 0) return signed(r.readBits(17), 17);
  if (r.readBit() === 0) return signed(r.readBits(20), 20);
  return r.readVarint();
}
