import type { KeySpace } from '../api.js';

/** The part of a level database or sublevel (string keys, byte values) a keyspace needs. */
export interface BytesLevel {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array): Promise<void>;
  del(key: string): Promise<void>;
  iterator(options: { gte?: string; lt?: string; limit?: number }): AsyncIterable<[string, Uint8Array]>;
  sublevel(name: string, options: { keyEncoding: 'utf8'; valueEncoding: 'view' }): unknown;
}

/**
 * A KeySpace over a LevelDB sublevel. Values are raw bytes; callers choose
 * their own encoding. The sublevel prefix keeps each holder inside its own
 * range, so a plugin's `entries()` never sees another's keys.
 */
export class LevelKeySpace implements KeySpace {
  constructor(private readonly db: BytesLevel) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    const value = await this.db.get(key);
    return value ?? undefined;
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    await this.db.put(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.db.del(key);
  }

  async *entries(range: { gte?: string; lt?: string; limit?: number } = {}): AsyncIterable<[string, Uint8Array]> {
    const options: { gte?: string; lt?: string; limit?: number } = {};
    if (range.gte !== undefined) options.gte = range.gte;
    if (range.lt !== undefined) options.lt = range.lt;
    if (range.limit !== undefined) options.limit = range.limit;
    for await (const [key, value] of this.db.iterator(options)) {
      yield [key, value];
    }
  }

  sub(name: string): KeySpace {
    return new LevelKeySpace(this.db.sublevel(name, { keyEncoding: 'utf8', valueEncoding: 'view' }) as BytesLevel);
  }
}
