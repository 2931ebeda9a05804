import type { KeySpace } from '@panoptes/storage';
import type { NotifyLogEntry } from './dedup.js';
import type { Silence, SilencePersistence } from './silences.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function encode(v: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(v));
}

async function readAll<T>(ks: KeySpace): Promise<[string, T][]> {
  const out: [string, T][] = [];
  for await (const [k, v] of ks.entries()) {
    try {
      out.push([k, JSON.parse(decoder.decode(v)) as T]);
    } catch {
      // A damaged record is skipped rather than failing the start.
    }
  }
  return out;
}

/** Silences in the alerting keyspace, one record per id. */
export function silencePersistence(ks: KeySpace): SilencePersistence & { loadAll(): Promise<Silence[]> } {
  return {
    save: (s) => ks.put(s.id, encode(s)),
    remove: (id) => ks.delete(id),
    loadAll: async () => (await readAll<Silence>(ks)).map(([, s]) => s),
  };
}

/** The notification log, so a restart does not re-send what was already sent. */
export function notifyLogPersistence(ks: KeySpace) {
  return {
    save: (key: string, e: NotifyLogEntry) => ks.put(key, encode(e)),
    loadAll: () => readAll<NotifyLogEntry>(ks),
  };
}
