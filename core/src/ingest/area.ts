import type { Area } from '../server/area.js';

/** The ingest area. Registered by server/areas.ts; filled in by its issue. */
export const ingestArea: Area = async () => {};
