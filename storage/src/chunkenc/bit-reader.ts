import { unzigzag } from './bit-writer.js';
import { ChunkDecodeError } from './errors.js';

/** Reads a bit stream written by BitWriter. Reading past the end throws ChunkDecodeError. */
export class BitReader {
  private pos = 0;
  private readonly endBit: number;

  constructor(
    private readonly buf: Uint8Array,
    startByte = 0,
  ) {
    this.pos = startByte * 8;
    this.endBit = buf.length * 8;
  }

  /** Current bit position (for decoders that read some fields themselves). */
  get position(): number {
    return this.pos;
  }

  set position(bit: number) {
    this.pos = bit;
  }

  readBit(): number {
    if (this.pos >= this.endBit) throw new ChunkDecodeError('bit stream ends early');
    const bit = (this.buf[this.pos >>> 3]! >>> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return bit;
  }

  /** Reads `n` bits (0 ≤ n ≤ 32) as an unsigned number. */
  readBits(n: number): number {
    const pos = this.pos;
    if (pos + n > this.endBit) throw new ChunkDecodeError('bit stream ends early');
    const buf = this.buf;
    const i = pos >>> 3;
    // Hot path of every chunk decode: one 32-bit big-endian load (plus a
    // fifth byte when the bits straddle it) instead of a loop over bytes.
    // Near the end of the buffer the loop below reads only bytes that exist.
    if (n > 0 && i + 5 <= buf.length) {
      this.pos = pos + n;
      const off = pos & 7;
      const word = ((buf[i]! << 24) | (buf[i + 1]! << 16) | (buf[i + 2]! << 8) | buf[i + 3]!) >>> 0;
      if (off + n <= 32) return ((word << off) >>> 0) >>> (32 - n);
      const extra = off + n - 32;
      // Multiply instead of shifting so 32-bit results stay unsigned.
      return ((word & (0xffffffff >>> off)) >>> 0) * (1 << extra) + (buf[i + 4]! >>> (8 - extra));
    }
    return this.readBitsSlow(n);
  }

  private readBitsSlow(n: number): number {
    let out = 0;
    const buf = this.buf;
    while (n > 0) {
      const used = this.pos & 7;
      const avail = 8 - used;
      const take = n < avail ? n : avail;
      const bits = (buf[this.pos >>> 3]! >>> (avail - take)) & ((1 << take) - 1);
      out = out * (1 << take) + bits;
      n -= take;
      this.pos += take;
    }
    return out;
  }

  readUvarint(): number {
    let x = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.readBits(8);
      x += (b & 0x7f) * mul;
      if (b < 0x80) return x;
      mul *= 0x80;
    }
    throw new ChunkDecodeError('varint longer than 8 bytes');
  }

  readVarint(): number {
    return unzigzag(this.readUvarint());
  }
}
