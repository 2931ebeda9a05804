import type { KeySpace } from '@panoptes/storage';

/** A KeySpace in memory: for tests, and the same contract as storage's LevelDB sublevels. */
export class MemoryKeySpace implements KeySpace {
  constructor(
    private readonly data = new Map<string, Uint8Array>(),
    private readonly prefix = '',
  ) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.data.get(this.prefix + key);
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    this.data.set(this.prefix + key, value);
  }

  async delete(key: string): Promise<void> {
    this.data.delete(this.prefix + key);
  }

  async *entries(range: { gte?: string; lt?: string; limit?: number } = {}): AsyncIterable<[string, Uint8Array]> {
    const keys = [...this.data.keys()]
      .filter((k) => k.startsWith(this.prefix))
      .map((k) => k.slice(this.prefix.length))
      .filter((k) => (range.gte === undefined || k >= range.gte) && (range.lt === undefined || k < range.lt))
      .sort();
    let n = 0;
    for (const k of keys) {
      if (range.limit !== undefined && range.limit >= 0 && n++ >= range.limit) return;
      const v = this.data.get(this.prefix + k);
      if (v !== undefined) yield [k, v];
    }
  }

  sub(name: string): KeySpace {
    return new MemoryKeySpace(this.data, `${this.prefix}${name}\x00`);
  }
}
