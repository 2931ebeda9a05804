import type { Area } from '../server/area.js';

/** The plugins area. Registered by server/areas.ts; filled in by its issue. */
export const pluginsArea: Area = async () => {};
