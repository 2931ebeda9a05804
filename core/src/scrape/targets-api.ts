import type { FastifyInstance } from 'fastify';
import { formatDuration } from '../config/index.js';
import type { ScrapeManager } from './scrape-manager.js';

/** Prometheus prints a never-scraped target's lastScrape as Go's zero time. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

function labelsObject(labels: readonly { name: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l.name, l.value]));
}

/**
 * The data of `/api/v1/targets` in Prometheus' shape: activeTargets with
 * discoveredLabels, labels, scrapePool, scrapeUrl, globalUrl, lastError,
 * lastScrape (RFC 3339), lastScrapeDuration (s), health, scrapeInterval,
 * scrapeTimeout; droppedTargets with discoveredLabels and scrapePool;
 * droppedTargetCounts per pool. `state` is active, dropped or any.
 */
export function targetsData(manager: ScrapeManager, opts: { state?: string; scrapePool?: string; externalUrl?: string }): Record<string, unknown> {
  const state = (opts.state ?? 'any').toLowerCase();
  const pools = [...manager.pools.values()].filter((p) => !opts.scrapePool || p.name === opts.scrapePool).sort((a, b) => (a.name < b.name ? -1 : 1));
  const data: Record<string, unknown> = {};
  if (state === 'any' || state === 'active') {
    data.activeTargets = pools.flatMap((pool) =>
      [...pool.loops.values()].map((loop) => {
        const t = loop.target;
        return {
          discoveredLabels: t.discoveredLabels,
          labels: labelsObject(t.labels),
          scrapePool: pool.name,
          scrapeUrl: t.url,
          globalUrl: t.url,
          lastError: loop.lastError,
          lastScrape: loop.lastScrape === 0 ? ZERO_TIME : new Date(loop.lastScrape).toISOString(),
          lastScrapeDuration: loop.lastScrapeDuration,
          health: loop.health,
          scrapeInterval: formatDuration(t.intervalMs),
          scrapeTimeout: formatDuration(t.timeoutMs),
        };
      }),
    );
  } else data.activeTargets = [];
  if (state === 'any' || state === 'dropped') {
    data.droppedTargets = pools.flatMap((pool) => pool.dropped.map((d) => ({ discoveredLabels: d.discoveredLabels, scrapePool: pool.name })));
  } else data.droppedTargets = [];
  data.droppedTargetCounts = Object.fromEntries(pools.map((p) => [p.name, p.dropped.length]));
  return data;
}

export function registerTargetsRoutes(app: FastifyInstance, manager: ScrapeManager): void {
  app.get('/api/v1/targets', async (request) => {
    const q = request.query as { state?: string; scrapePool?: string };
    const state = q.state ?? 'any';
    if (!['any', 'active', 'dropped'].includes(state.toLowerCase())) {
      return { status: 'error', errorType: 'bad_data', error: `invalid state ${JSON.stringify(state)}: use active, dropped or any` };
    }
    return { status: 'success', data: targetsData(manager, { state, ...(q.scrapePool !== undefined && { scrapePool: q.scrapePool }) }) };
  });
}
