import { describe, expect, it } from 'vitest';
import { Silences, silenceState, type Silence } from './silences.js';

describe('silences', () => {
  const m = (name: string, value: string, isRegex = false, isEqual = true) => ({ name, value, isRegex, isEqual });

  it('creates, matches, updates in place, and expires', async () => {
    let now = 1_000_000;
    const saved: Silence[] = [];
    const s = new Silences(() => now, { save: async (x) => void saved.push(x), remove: async () => {} });
    const id = await s.set({ matchers: [m('job', 'node'), m('instance', 'web-.*', true)], startsAt: now, endsAt: now + 3600_000, createdBy: 'ana', comment: 'deploy' });
    expect(s.mutedBy({ job: 'node', instance: 'web-1' })).toEqual([id]);
    expect(s.mutedBy({ job: 'node', instance: 'db-1' })).toEqual([]);
    const same = await s.set({ id, matchers: [m('job', 'node'), m('instance', 'web-.*', true)], startsAt: now, endsAt: now + 7200_000, createdBy: 'ana', comment: 'longer' });
    expect(same).toBe(id);
    expect(s.get(id)!.comment).toBe('longer');
    const changed = await s.set({ id, matchers: [m('job', 'api')], startsAt: now, endsAt: now + 7200_000, createdBy: 'ana', comment: 'other scope' });
    expect(changed).not.toBe(id);
    expect(silenceState(s.get(id)!, now)).toBe('expired');
    now += 1;
    await s.expire(changed);
    expect(s.mutedBy({ job: 'api' })).toEqual([]);
    expect(saved.length).toBe(5);
  });

  it('refuses invalid silences with every reason', async () => {
    const s = new Silences(() => 10_000);
    await expect(s.set({ matchers: [], startsAt: 10_000, endsAt: 5_000, createdBy: '', comment: '' })).rejects.toThrow(
      'invalid silence: at least one matcher is required; endsAt must be after startsAt',
    );
    await expect(s.set({ matchers: [m('a', '.*', true)], startsAt: 0, endsAt: 20_000, createdBy: '', comment: '' })).rejects.toThrow(
      /must not match the empty string/,
    );
    await expect(s.expire('nope')).rejects.toMatchObject({ code: 'PNP_ALERTING_SILENCE_NOT_FOUND' });
  });
});
