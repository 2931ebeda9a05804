import type { Area } from '../server/area.js';

/** The scrape area. Registered by server/areas.ts; filled in by its issue. */
export const scrapeArea: Area = async () => {};
