/** A key range: keys in [gte, lt), at most `limit` entries. */
export interface KeyRange {
  readonly gte?: string;
  readonly lt?: string;
  readonly limit?: number;
}

/**
 * The plugin's private key-value store: its own LevelDB sublevel in the
 * server's data directory. Nothing else is visible through it and nothing
 * else sees it. Values are bytes; `getJson`/`putJson` encode as UTF-8 JSON.
 * Writes are durable when the promise resolves. Data survives restarts of
 * the plugin and the server.
 */
export interface KeyValueStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array | string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Entries in key order. */
  entries(range?: KeyRange): AsyncIterable<readonly [string, Uint8Array]>;
  getJson<T = unknown>(key: string): Promise<T | undefined>;
  putJson(key: string, value: unknown): Promise<void>;
}

/** The byte-level operations a host provides; {@link createKeyValueStore} adds the rest. */
export interface RawKeyValueStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  entries(range?: KeyRange): AsyncIterable<readonly [string, Uint8Array]>;
}

/** Builds a {@link KeyValueStore} over raw byte operations (for hosts and test harnesses). */
export function createKeyValueStore(raw: RawKeyValueStore): KeyValueStore {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    get: (key) => raw.get(key),
    put: (key, value) => raw.put(key, typeof value === 'string' ? encoder.encode(value) : value),
    delete: (key) => raw.delete(key),
    entries: (range) => raw.entries(range),
    async getJson<T>(key: string): Promise<T | undefined> {
      const bytes = await raw.get(key);
      return bytes === undefined ? undefined : (JSON.parse(decoder.decode(bytes)) as T);
    },
    putJson: (key, value) => raw.put(key, encoder.encode(JSON.stringify(value))),
  };
}
