import type { Area } from '../server/area.js';

/** The alerting area. Registered by server/areas.ts; filled in by its issue. */
export const alertingArea: Area = async () => {};
