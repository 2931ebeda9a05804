import type { Area } from '../server/area.js';

/** The ui area. Registered by server/areas.ts; filled in by its issue. */
export const uiArea: Area = async () => {};
