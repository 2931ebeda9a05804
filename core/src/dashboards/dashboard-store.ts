import { randomBytes } from 'node:crypto';
import type { KeySpace } from '@panoptes/storage';
import { DashboardError } from './errors.js';

/** A stored dashboard: the UI's JSON plus server-kept fields. */
export interface StoredDashboard {
  readonly id: string;
  readonly title: string;
  readonly tags?: readonly string[];
  /** Incremented on every save; a save naming an older version is refused. */
  readonly version: number;
  readonly updatedAt: string;
  readonly [key: string]: unknown;
}

export interface DashboardSummary {
  readonly id: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly updatedAt: string;
  readonly version: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Dashboards persisted as JSON in their own keyspace, keyed by id. Saves
 * use optimistic concurrency like Grafana's: a save carrying `version` must
 * match the stored one, so two editors never silently overwrite each other.
 */
export class DashboardStore {
  constructor(
    private readonly keyspace: KeySpace,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<DashboardSummary[]> {
    const out: DashboardSummary[] = [];
    for await (const [, bytes] of this.keyspace.entries()) {
      const d = JSON.parse(decoder.decode(bytes)) as StoredDashboard;
      out.push({ id: d.id, title: d.title, tags: d.tags ?? [], updatedAt: d.updatedAt, version: d.version });
    }
    return out.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<StoredDashboard> {
    const bytes = await this.keyspace.get(id);
    if (!bytes) throw new DashboardError('PNP_DASHBOARD_NOT_FOUND', `dashboard ${JSON.stringify(id)} does not exist`);
    return JSON.parse(decoder.decode(bytes)) as StoredDashboard;
  }

  /** Creates a dashboard; the id is taken from the body or made from the title. */
  async create(body: Record<string, unknown>): Promise<StoredDashboard> {
    let id = typeof body.id === 'string' ? body.id : slugId(String(body.title));
    if (await this.keyspace.get(id)) {
      if (typeof body.id === 'string') throw new DashboardError('PNP_DASHBOARD_CONFLICT', `dashboard ${JSON.stringify(id)} already exists`);
      id = slugId(String(body.title));
    }
    return this.write({ ...body, id, version: 1 });
  }

  /** Replaces (or creates) the dashboard `id`. */
  async save(id: string, body: Record<string, unknown>): Promise<StoredDashboard> {
    if (typeof body.id === 'string' && body.id !== id) {
      throw new DashboardError('PNP_DASHBOARD_INVALID', `body id ${JSON.stringify(body.id)} differs from the URL's ${JSON.stringify(id)}`);
    }
    const existing = await this.keyspace.get(id);
    const current = existing ? (JSON.parse(decoder.decode(existing)) as StoredDashboard).version : 0;
    if (typeof body.version === 'number' && existing && body.version !== current) {
      throw new DashboardError(
        'PNP_DASHBOARD_CONFLICT',
        `dashboard ${JSON.stringify(id)} was changed since you loaded it (stored version ${current}, yours ${body.version}); reload it and save again`,
      );
    }
    return this.write({ ...body, id, version: current + 1 });
  }

  async delete(id: string): Promise<void> {
    if (!(await this.keyspace.get(id))) throw new DashboardError('PNP_DASHBOARD_NOT_FOUND', `dashboard ${JSON.stringify(id)} does not exist`);
    await this.keyspace.delete(id);
  }

  private async write(body: Record<string, unknown>): Promise<StoredDashboard> {
    const stored = { ...body, updatedAt: this.now().toISOString() } as StoredDashboard;
    await this.keyspace.put(stored.id, encoder.encode(JSON.stringify(stored)));
    return stored;
  }
}

/** `Host Overview` → `host-overview-3f9a1c`: readable, and unique without a lookup loop. */
function slugId(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'dashboard';
  return `${slug}-${randomBytes(3).toString('hex')}`;
}
