/**
 * Append-only bit stream over a growable byte array, most significant bit
 * first. The writer owns its buffer; `bytes()` returns a view that the caller
 * must copy if it keeps it across further writes.
 */
export class BitWriter {
  private buf: Uint8Array;
  private bitLen = 0;

  constructor(initialBytes = 32) {
    this.buf = new Uint8Array(initialBytes);
  }

  get length(): number {
    return this.bitLen;
  }

  private grow(bytesNeeded: number): void {
    let size = this.buf.length * 2;
    while (size < bytesNeeded) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf);
    this.buf = next;
  }

  writeBit(bit: number): void {
    const byteIdx = this.bitLen >>> 3;
    if (byteIdx >= this.buf.length) this.grow(byteIdx + 1);
    if (bit) this.buf[byteIdx]! |= 0x80 >>> (this.bitLen & 7);
    this.bitLen++;
  }

  /** Writes the low `n` bits of `value` (0 ≤ n ≤ 32), highest first. */
  writeBits(value: number, n: number): void {
    const lastByte = (this.bitLen + n + 7) >>> 3;
    if (lastByte > this.buf.length) this.grow(lastByte);
    const buf = this.buf;
    while (n > 0) {
      const used = this.bitLen & 7;
      const free = 8 - used;
      const take = n < free ? n : free;
      const bits = (value >>> (n - take)) & ((1 << take) - 1);
      buf[this.bitLen >>> 3]! |= bits << (free - take);
      n -= take;
      this.bitLen += take;
    }
  }

  /** Writes the low `n` bits (0 ≤ n ≤ 64) of the 64-bit value hi:lo. */
  writeBits64(hi: number, lo: number, n: number): void {
    if (n > 32) {
      this.writeBits(hi, n - 32);
      this.writeBits(lo, 32);
    } else {
      this.writeBits(lo, n);
    }
  }

  /** Writes an unsigned integer up to 2^53 as a base-128 varint, byte aligned within the stream's bits. */
  writeUvarint(x: number): void {
    while (x >= 0x80) {
      this.writeBits((x % 0x80) | 0x80, 8);
      x = Math.floor(x / 0x80);
    }
    this.writeBits(x, 8);
  }

  writeVarint(x: number): void {
    this.writeUvarint(zigzag(x));
  }

  /** The written bytes (a view into the internal buffer; the last byte is zero-padded). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, (this.bitLen + 7) >>> 3);
  }

  /** Bytes held in memory, for accounting. */
  capacity(): number {
    return this.buf.length;
  }
}

/** Zig-zag for safe integers (|x| < 2^52), arithmetic so it works past 32 bits. */
export function zigzag(x: number): number {
  return x >= 0 ? x * 2 : -x * 2 - 1;
}

export function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}
