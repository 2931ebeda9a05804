/**
 * Append-only bit stream over a growable byte array, most significant bit
 * first. The writer owns its buffer; `bytes()` returns a view that the caller
 * must copy if it keeps it across further writes.
 */
export class BitWriter {
  private buf: Uint8Array;
  /** Whole bytes written. */
  private pos = 0;
  /** Pending bits (fewer than 8), the low `accBits` bits of `acc`. */
  private acc = 0;
  private accBits = 0;

  constructor(initialBytes = 32) {
    this.buf = new Uint8Array(Math.max(8, initialBytes));
  }

  get length(): number {
    return this.pos * 8 + this.accBits;
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  writeBit(bit: number): void {
    this.acc = (this.acc << 1) | bit;
    if (++this.accBits === 8) {
      if (this.pos >= this.buf.length) this.grow();
      this.buf[this.pos++] = this.acc;
      this.acc = 0;
      this.accBits = 0;
    }
  }

  /** Writes the low `n` bits of `value` (0 ≤ n ≤ 32), highest first. */
  writeBits(value: number, n: number): void {
    if (this.pos + 5 > this.buf.length) this.grow();
    const buf = this.buf;
    let acc = this.acc;
    let accBits = this.accBits;
    while (n > 0) {
      // At most 24 new bits, so acc (< 8 pending + 24) stays within 31 bits.
      const take = n < 24 ? n : 24;
      acc = (acc << take) | ((value >>> (n - take)) & ((1 << take) - 1));
      accBits += take;
      n -= take;
      while (accBits >= 8) {
        accBits -= 8;
        buf[this.pos++] = (acc >>> accBits) & 0xff;
      }
      acc &= (1 << accBits) - 1;
    }
    this.acc = acc;
    this.accBits = accBits;
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

  /** The written bytes, the last one zero-padded (a view into the internal buffer: copy to keep). */
  bytes(): Uint8Array {
    if (this.accBits === 0) return this.buf.subarray(0, this.pos);
    if (this.pos >= this.buf.length) this.grow();
    this.buf[this.pos] = (this.acc << (8 - this.accBits)) & 0xff;
    return this.buf.subarray(0, this.pos + 1);
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
