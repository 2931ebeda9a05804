import type { Area } from '../server/area.js';

/** The api area. Registered by server/areas.ts; filled in by its issue. */
export const apiArea: Area = async () => {};
