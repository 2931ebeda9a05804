/** Doubles per arena block: 512 KiB, a few hundred series' decode buffers. */
const BLOCK = 1 << 16;

/**
 * Hands out decode buffers for the iterators of one select from a few large
 * blocks. A select over thousands of series otherwise allocates two typed
 * arrays per series, and V8 pays for every backing store. A block is freed
 * once no buffer cut from it is referenced any more.
 */
export class SampleArena {
  private block: Float64Array = new Float64Array(0);
  private used = 0;

  take(n: number): Float64Array {
    if (n > BLOCK / 4) return new Float64Array(n);
    if (this.used + n > this.block.length) {
      this.block = new Float64Array(BLOCK);
      this.used = 0;
    }
    const out = this.block.subarray(this.used, this.used + n);
    this.used += n;
    return out;
  }
}
