import { randomUUID } from 'node:crypto';
import { AlertingError } from './errors.js';
import { compileMatcher, matchesAll, type CompiledMatcher } from './matchers.js';

/** A silence matcher in Alertmanager API v2's shape. */
export interface SilenceMatcher {
  readonly name: string;
  readonly value: string;
  readonly isRegex: boolean;
  /** false negates (`!=`, `!~`); defaults to true. */
  readonly isEqual: boolean;
}

export interface Silence {
  readonly id: string;
  readonly matchers: readonly SilenceMatcher[];
  /** ms */
  readonly startsAt: number;
  readonly endsAt: number;
  readonly updatedAt: number;
  readonly createdBy: string;
  readonly comment: string;
}

export type SilenceState = 'pending' | 'active' | 'expired';

export interface SilenceInput {
  readonly id?: string;
  readonly matchers: readonly SilenceMatcher[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
}

export function silenceState(s: Silence, now: number): SilenceState {
  if (now < s.startsAt) return 'pending';
  if (now >= s.endsAt) return 'expired';
  return 'active';
}

function compile(s: Silence): CompiledMatcher[] {
  return s.matchers.map((m) =>
    compileMatcher({ name: m.name, value: m.value, type: m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=' }),
  );
}

/** Where silences are kept across restarts. */
export interface SilencePersistence {
  save(s: Silence): Promise<void>;
  remove(id: string): Promise<void>;
}

/** How long expired silences stay listed before they are dropped (Alertmanager's default data retention, 120h). */
export const EXPIRED_SILENCE_RETENTION_MS = 120 * 3600_000;

/**
 * The silences: create, update, expire, list, and which ones mute a label
 * set. Matching is pure; every change is handed to the persistence adapter
 * before it resolves.
 */
export class Silences {
  private readonly byId = new Map<string, { silence: Silence; matchers: CompiledMatcher[] }>();

  constructor(
    private readonly now: () => number,
    private readonly persistence?: SilencePersistence,
  ) {}

  /** Loads silences read back from persistence, without re-saving. */
  load(list: readonly Silence[]): void {
    for (const s of list) this.byId.set(s.id, { silence: s, matchers: compile(s) });
  }

  get(id: string): Silence | undefined {
    return this.byId.get(id)?.silence;
  }

  list(): Silence[] {
    return [...this.byId.values()].map((e) => e.silence);
  }

  /**
   * Creates a silence or updates one (when `id` is given). As in Alertmanager,
   * an update that changes the matchers or start of a silence already in
   * effect expires it and creates a new one with a new id. Returns the id.
   */
  async set(input: SilenceInput): Promise<string> {
    const now = this.now();
    validate(input, now);
    const probe: Silence = { ...input, id: input.id ?? '', updatedAt: now };
    const matchers = compile(probe);
    if (input.id !== undefined) {
      const old = this.byId.get(input.id);
      if (!old) throw new AlertingError('PNP_ALERTING_SILENCE_NOT_FOUND', `silence ${input.id} not found`);
      const state = silenceState(old.silence, now);
      const sameScope = JSON.stringify(old.silence.matchers) === JSON.stringify(input.matchers) && old.silence.startsAt === input.startsAt;
      if (state === 'pending' || (state === 'active' && sameScope)) {
        const updated: Silence = { ...probe, id: input.id, startsAt: state === 'active' ? old.silence.startsAt : input.startsAt };
        await this.persistence?.save(updated);
        this.byId.set(updated.id, { silence: updated, matchers });
        return updated.id;
      }
      if (state === 'active') await this.expire(input.id);
    }
    const created: Silence = { ...probe, id: randomUUID(), startsAt: Math.max(input.startsAt, now) };
    await this.persistence?.save(created);
    this.byId.set(created.id, { silence: created, matchers });
    return created.id;
  }

  /** Ends a silence now (a pending one ends before it starts). */
  async expire(id: string): Promise<void> {
    const entry = this.byId.get(id);
    if (!entry) throw new AlertingError('PNP_ALERTING_SILENCE_NOT_FOUND', `silence ${id} not found`);
    const now = this.now();
    const state = silenceState(entry.silence, now);
    if (state === 'expired') throw new AlertingError('PNP_ALERTING_SILENCE', `silence ${id} is already expired`);
    const expired: Silence = { ...entry.silence, startsAt: state === 'pending' ? now : entry.silence.startsAt, endsAt: now, updatedAt: now };
    await this.persistence?.save(expired);
    this.byId.set(id, { silence: expired, matchers: entry.matchers });
  }

  /** Ids of the active silences that match the labels. */
  mutedBy(labels: Readonly<Record<string, string>>): string[] {
    const now = this.now();
    const out: string[] = [];
    for (const { silence, matchers } of this.byId.values()) {
      if (silenceState(silence, now) === 'active' && matchesAll(matchers, labels)) out.push(silence.id);
    }
    return out.sort();
  }

  /** Drops silences expired longer ago than the retention. */
  async gc(): Promise<void> {
    const cutoff = this.now() - EXPIRED_SILENCE_RETENTION_MS;
    for (const [id, { silence }] of this.byId) {
      if (silence.endsAt < cutoff) {
        this.byId.delete(id);
        await this.persistence?.remove(id);
      }
    }
  }
}

function validate(s: SilenceInput, now: number): void {
  const problems: string[] = [];
  if (s.matchers.length === 0) problems.push('at least one matcher is required');
  for (const m of s.matchers) {
    if (!/^.+$/su.test(m.name)) problems.push('matcher name must not be empty');
    try {
      compileMatcher({ name: m.name, value: m.value, type: m.isRegex ? '=~' : '=' });
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (s.matchers.length > 0 && s.matchers.every((m) => matchesEmpty(m))) problems.push('at least one matcher must not match the empty string');
  if (!Number.isFinite(s.startsAt) || !Number.isFinite(s.endsAt)) problems.push('startsAt and endsAt must be valid times');
  else if (s.endsAt <= s.startsAt) problems.push('endsAt must be after startsAt');
  else if (s.endsAt <= now) problems.push('endsAt must be in the future');
  if (problems.length > 0) throw new AlertingError('PNP_ALERTING_SILENCE', `invalid silence: ${problems.join('; ')}`);
}

function matchesEmpty(m: SilenceMatcher): boolean {
  try {
    const c = compileMatcher({ name: m.name, value: m.value, type: m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=' });
    return c.matches({});
  } catch {
    return false;
  }
}
