import { createKeyValueStore, type KeyRange, type KeyValueStore } from '../store.js';

/** A KeyValueStore in memory with the host's key-order semantics, plus a view of its contents. */
export interface MemoryStore extends KeyValueStore {
  /** Every entry, keys in order, values copied. */
  snapshot(): Map<string, Uint8Array>;
}

/** An empty in-memory store, as the harness gives each plugin. */
export function createMemoryStore(): MemoryStore {
  const data = new Map<string, Uint8Array>();
  const sortedKeys = (): string[] => [...data.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const store = createKeyValueStore({
    get: async (key) => (data.has(key) ? new Uint8Array(data.get(key)!) : undefined),
    put: async (key, value) => void data.set(key, new Uint8Array(value)),
    delete: async (key) => void data.delete(key),
    async *entries(range: KeyRange = {}) {
      let n = 0;
      for (const key of sortedKeys()) {
        if (range.gte !== undefined && key < range.gte) continue;
        if (range.lt !== undefined && key >= range.lt) break;
        if (range.limit !== undefined && n++ >= range.limit) break;
        yield [key, new Uint8Array(data.get(key)!)] as const;
      }
    },
  });
  return { ...store, snapshot: () => new Map(sortedKeys().map((k) => [k, new Uint8Array(data.get(k)!)])) };
}
