import { ExemplarStore } from './exemplar-store.js';
import { MetadataStore } from './metadata-store.js';

/**
 * The metadata and exemplar stores of one running server, shared between the
 * areas that fill them (ingest, scrape) and the API area that reads them.
 * Keyed by the server's AreaContext object so two servers in one process
 * (tests) never mix; any area holding the same context gets the same stores.
 */
export interface IngestStores {
  readonly metadata: MetadataStore;
  readonly exemplars: ExemplarStore;
}

const byContext = new WeakMap<object, IngestStores>();

/** The stores for the server that owns `ctx` (the AreaContext), created on first use. */
export function ingestStoresFor(ctx: object): IngestStores {
  let stores = byContext.get(ctx);
  if (!stores) {
    stores = { metadata: new MetadataStore(), exemplars: new ExemplarStore() };
    byContext.set(ctx, stores);
  }
  return stores;
}
