import type { Area } from '../server/area.js';
import { configOrigin, PluginHost, type PluginHostOptions } from './plugin-host.js';

/**
 * The plugins area: loads and checks plugins while the server registers
 * (so their public paths can be mounted), starts them once storage is
 * ready, reconfigures them on reload and stops them at shutdown.
 *
 * Routes: /api/plugins/<id>/* (each plugin's own), declared public paths,
 * /plugins/<id>/ (UI bundles), GET /api/v1/plugins and /api/v1/plugins/<id>.
 */
export function createPluginsArea(options: PluginHostOptions = {}): Area {
  return async (app, ctx) => {
    const host = new PluginHost(ctx, options);
    await host.load(ctx.config(), await configOrigin(ctx, false));
    host.mount(app);

    app.get('/api/v1/plugins', async () => ({ status: 'success', data: host.statuses() }));
    app.get('/api/v1/plugins/:pluginId', async (request, reply) => {
      const { pluginId } = request.params as { pluginId: string };
      const status = host.statuses().find((s) => s.id === pluginId);
      if (!status) return reply.code(404).send({ status: 'error', errorType: 'not_found', error: `no plugin ${pluginId}` });
      return { status: 'success', data: status };
    });

    // Starts are not awaited: a slow plugin must not hold back readiness. Each start is contained and bounded.
    ctx.onReady(() => {
      void host.startAll();
    });
    ctx.onConfigCheck(async (next) => host.check(next, await configOrigin(ctx, true)));
    ctx.onConfigApply(async (next) => host.apply(next, await configOrigin(ctx, true)));
    ctx.onShutdown(() => host.stopAll());
  };
}

/** The plugins area with production settings, as server/areas.ts registers it. */
export const pluginsArea: Area = createPluginsArea();
