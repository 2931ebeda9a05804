import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface HealthOptions {
  readonly isReady: () => boolean;
  readonly reload: () => Promise<void>;
  readonly metrics: Registry;
}

/**
 * Prometheus' management endpoints: /-/healthy (the process answers),
 * /-/ready (storage open and recovered), /-/reload (POST or PUT, as
 * Prometheus accepts both) and the server's own /metrics.
 */
export async function registerHealthRoutes(app: FastifyInstance, opts: HealthOptions): Promise<void> {
  const healthy = async (): Promise<string> => 'Panoptes is Healthy.\n';
  app.get('/-/healthy', healthy);

  const ready = async (_req: unknown, reply: { code(n: number): unknown }): Promise<string> => {
    if (opts.isReady()) return 'Panoptes is Ready.\n';
    reply.code(503);
    return 'Service Unavailable\n';
  };
  app.get('/-/ready', ready);

  const reload = async (_req: unknown, reply: { code(n: number): unknown }): Promise<string> => {
    try {
      await opts.reload();
      return 'Configuration reloaded.\n';
    } catch (err) {
      reply.code(500);
      return `failed to reload config: ${(err as Error).message}\n`;
    }
  };
  app.post('/-/reload', reload);
  app.put('/-/reload', reload);

  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', opts.metrics.contentType);
    return opts.metrics.metrics();
  });
}
