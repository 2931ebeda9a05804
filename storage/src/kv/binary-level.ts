/** The part of a binary-keyed LevelDB sublevel the TSDB uses (classic-level's shape). */
export interface BinaryIterator {
  nextv(size: number): Promise<[Uint8Array, Uint8Array][]>;
  seek(target: Uint8Array): void;
  close(): Promise<void>;
}

export interface BinaryKeyIterator {
  nextv(size: number): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

export type BatchOp = { type: 'put'; key: Uint8Array; value: Uint8Array } | { type: 'del'; key: Uint8Array };

export interface BinaryLevel {
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  put(key: Uint8Array, value: Uint8Array): Promise<void>;
  batch(ops: BatchOp[], options?: { sync?: boolean }): Promise<void>;
  iterator(options: { gte?: Uint8Array; lt?: Uint8Array; limit?: number }): BinaryIterator;
  keys(options: { gte?: Uint8Array; lt?: Uint8Array }): BinaryKeyIterator;
  clear(options: { gte?: Uint8Array; lt?: Uint8Array }): Promise<void>;
}

/** Runs `fn` over every entry in a range, in batches. */
export async function forEachEntry(db: BinaryLevel, range: { gte: Uint8Array; lt: Uint8Array }, fn: (k: Uint8Array, v: Uint8Array) => void): Promise<void> {
  const it = db.iterator(range);
  try {
    for (;;) {
      const batch = await it.nextv(1000);
      if (batch.length === 0) break;
      for (const [k, v] of batch) fn(k, v);
    }
  } finally {
    await it.close();
  }
}
