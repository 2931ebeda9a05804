import type { FastifyInstance } from 'fastify';
import type { Area, AreaContext } from '../server/area.js';
import { ingestStoresFor } from '../ingest/shared-stores.js';
import { VERSION } from '../version.js';
import { ScrapeManager } from './scrape-manager.js';
import { registerFederateRoute } from './federate.js';
import { registerTargetsRoutes } from './targets-api.js';

/** Scrape managers by server context, for areas (and tests) that need the live targets. */
const managers = new WeakMap<object, ScrapeManager>();

export function scrapeManagerFor(ctx: object): ScrapeManager | undefined {
  return managers.get(ctx);
}

/**
 * The scrape area: scrapes what `scrape_configs` says once storage is ready,
 * follows reloads (a config whose relabel rules do not compile is refused),
 * stops on shutdown, and serves /api/v1/targets and /federate.
 */
export const scrapeArea: Area = async (app: FastifyInstance, ctx: AreaContext) => {
  const manager = new ScrapeManager({
    storage: () => ctx.storage,
    stores: ingestStoresFor(ctx),
    logger: ctx.logger.child({ area: 'scrape' }),
    userAgent: `Panoptes/${VERSION}`,
  });
  managers.set(ctx, manager);
  // Compile at registration too, so a bad relabel regex stops the server from starting, with the job named.
  manager.check(ctx.config());
  ctx.onReady(() => manager.apply(ctx.config()));
  ctx.onConfigCheck((next) => void manager.check(next));
  // A reload before storage is ready only changes the config; onReady starts from whatever is current then.
  ctx.onConfigApply((next) => (manager.isStarted ? manager.apply(next) : undefined));
  ctx.onShutdown(() => manager.stop());
  registerTargetsRoutes(app, manager);
  registerFederateRoute(app, ctx);
};
