import type { ClassicLevel } from 'classic-level';
import type { BatchOp, BinaryIterator, BinaryKeyIterator, BinaryLevel } from './binary-level.js';

/** Operations added to a chained batch between two yields to the event loop. */
const BATCH_SLICE = 8192;

type RootLevel = ClassicLevel<Uint8Array, Uint8Array>;

/**
 * The TSDB's binary keyspace inside the root LevelDB, laid out exactly like
 * abstract-level's sublevel of the same name (`!name!` + key), but with the
 * prefix applied here and writes sent as one chained batch. Measured with
 * 50,000 chunk puts: a third of the CPU of a sublevel's array batch, which
 * re-encodes and copies every operation in JavaScript.
 */
export class PrefixedLevel implements BinaryLevel {
  private readonly prefix: Uint8Array;

  constructor(
    private readonly db: RootLevel,
    name: string,
  ) {
    this.prefix = new TextEncoder().encode(`!${name}!`);
  }

  private key(k: Uint8Array): Uint8Array {
    const out = new Uint8Array(this.prefix.length + k.length);
    out.set(this.prefix);
    out.set(k, this.prefix.length);
    return out;
  }

  private strip(k: Uint8Array): Uint8Array {
    return k.subarray(this.prefix.length);
  }

  private range(o: { gte?: Uint8Array; lt?: Uint8Array; limit?: number }): { gte: Uint8Array; lt: Uint8Array; limit?: number } {
    const end = this.prefix.slice();
    end[end.length - 1]!++; // just past every key of this prefix
    const r: { gte: Uint8Array; lt: Uint8Array; limit?: number } = {
      gte: o.gte ? this.key(o.gte) : this.prefix,
      lt: o.lt ? this.key(o.lt) : end,
    };
    if (o.limit !== undefined) r.limit = o.limit;
    return r;
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return (await this.db.get(this.key(key))) ?? undefined;
  }

  put(key: Uint8Array, value: Uint8Array): Promise<void> {
    return this.db.put(this.key(key), value);
  }

  async batch(ops: BatchOp[], options?: { sync?: boolean }): Promise<void> {
    const b = this.db.batch();
    try {
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i]!;
        if (op.type === 'put') b.put(this.key(op.key), op.value);
        else b.del(this.key(op.key));
        // A checkpoint's batch can hold a million operations: let the event loop run between slices.
        if (i % BATCH_SLICE === BATCH_SLICE - 1) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (err) {
      await b.close();
      throw err;
    }
    await b.write(options?.sync ? { sync: true } : {});
  }

  iterator(options: { gte?: Uint8Array; lt?: Uint8Array; limit?: number }): BinaryIterator {
    const it = this.db.iterator(this.range(options));
    return {
      nextv: async (size) => {
        const entries = await it.nextv(size);
        for (const e of entries) e[0] = this.strip(e[0]);
        return entries;
      },
      seek: (target) => it.seek(this.key(target)),
      close: () => it.close(),
    };
  }

  keys(options: { gte?: Uint8Array; lt?: Uint8Array }): BinaryKeyIterator {
    const it = this.db.keys(this.range(options));
    return {
      nextv: async (size) => (await it.nextv(size)).map((k) => this.strip(k)),
      close: () => it.close(),
    };
  }

  clear(options: { gte?: Uint8Array; lt?: Uint8Array }): Promise<void> {
    return this.db.clear(this.range(options));
  }
}
