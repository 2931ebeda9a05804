import type { Area } from '../server/area.js';

/** The rules area. Registered by server/areas.ts; filled in by its issue. */
export const rulesArea: Area = async () => {};
