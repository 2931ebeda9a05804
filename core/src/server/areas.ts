import { alertingArea } from '../alerting/area.js';
import { apiArea } from '../api/area.js';
import { dashboardsArea } from '../dashboards/area.js';
import { ingestArea } from '../ingest/area.js';
import { pluginsArea } from '../plugins/area.js';
import { rulesArea } from '../rules/area.js';
import { scrapeArea } from '../scrape/area.js';
import { uiArea } from '../ui/area.js';
import type { AreaEntry } from './area.js';

/**
 * Every area of core, in registration order: the pipeline at a glance.
 * Samples come in (ingest, scrape), are queried (api), evaluated (rules),
 * turned into notifications (alerting); plugins extend all of it; the UI is
 * served last so its history fallback never shadows an API route.
 */
export const AREAS: readonly AreaEntry[] = [
  { name: 'ingest', area: ingestArea },
  { name: 'scrape', area: scrapeArea },
  { name: 'api', area: apiArea },
  { name: 'rules', area: rulesArea },
  { name: 'alerting', area: alertingArea },
  { name: 'plugins', area: pluginsArea },
  { name: 'dashboards', area: dashboardsArea },
  { name: 'ui', area: uiArea },
];
