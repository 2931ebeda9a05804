import { describe, expect, it } from 'vitest';
import { ManualClock } from '../alerting/clock.js';
import { MemoryKeySpace } from '../alerting/memory-keyspace.js';
import { ForStateStore, FOR_GRACE_PERIOD_MS, restoredActiveAt } from './for-state.js';
import { alignedEvalTime, groupOffsetMs } from './group-schedule.js';
import { RuleManager, type ManagerDeps } from './manager.js';
import { parseRuleFile } from './rule-file.js';
import type { OutgoingAlert } from './types.js';

const MIN = 60_000;

const RULES = `groups:
  - name: slow
    interval: 1m
    rules:
      - alert: Down
        expr: up == 0
        for: 30m
`;

function manager(clock: ManualClock, ks: MemoryKeySpace, firing: () => boolean, sent: OutgoingAlert[] = []) {
  const deps: ManagerDeps = {
    query: async () => (firing() ? [{ labels: { instance: 'a' }, value: 0 }] : []),
    write: async () => {},
    notify: (a) => void sent.push(...a),
    externalLabels: () => ({}),
    externalURL: () => 'http://p',
    defaultInterval: () => MIN,
    clock,
    forState: new ForStateStore(ks),
  };
  return new RuleManager(deps);
}

describe('RuleManager', () => {
  it('evaluates at Prometheus-aligned times: base + hash(file, name) offset', async () => {
    const start = Date.parse('2026-11-23T12:00:00Z');
    const clock = new ManualClock(start);
    const m = manager(clock, new MemoryKeySpace(), () => true);
    await m.update(parseRuleFile(RULES, 'rules/a.yml').groups);
    m.start();
    await clock.advance(3 * MIN);
    const offset = groupOffsetMs('rules/a.yml', 'slow', MIN);
    const rule = m.groups()[0]!.rules[0]!;
    expect(rule.lastEvaluation).toBe(alignedEvalTime(clock.now(), MIN, offset));
    expect((rule.lastEvaluation - offset) % MIN).toBe(0);
    await m.stop();
  });

  it('keeps `for` progress across a restart instead of starting over', async () => {
    const ks = new MemoryKeySpace();
    const start = Date.parse('2026-11-23T12:00:00Z');
    const clock = new ManualClock(start);
    const first = manager(clock, ks, () => true);
    await first.update(parseRuleFile(RULES, 'r.yml').groups);
    first.start();
    await clock.advance(20 * MIN);
    const before = [...(first.groups()[0]!.rules[0] as { active: Map<string, { activeAt: number; state: string }> }).active.values()][0]!;
    expect(before.state).toBe('pending');
    await first.stop();

    // Down for 5 minutes, then a new process with the same keyspace.
    await clock.advance(5 * MIN);
    const sent: OutgoingAlert[] = [];
    const second = manager(clock, ks, () => true, sent);
    await second.update(parseRuleFile(RULES, 'r.yml').groups);
    second.start();
    await clock.advance(MIN);
    const after = [...(second.groups()[0]!.rules[0] as { active: Map<string, { activeAt: number }> }).active.values()][0]!;
    // ~20 of 30 minutes were served before the outage; the outage itself does not count.
    expect(after.activeAt).toBe(before.activeAt + 6 * MIN);
    await clock.advance(9 * MIN);
    expect(sent).toHaveLength(0);
    await clock.advance(2 * MIN);
    expect(sent.length).toBeGreaterThan(0);
    await second.stop();
  });

  it('follows Prometheus for the restored activeAt', () => {
    const hold = 30 * MIN;
    // Was already firing: unchanged.
    expect(restoredActiveAt(0, 40 * MIN, 45 * MIN, hold)).toBe(0);
    // Less than the grace period left: the alert gets the grace period from now.
    expect(restoredActiveAt(0, 25 * MIN, 45 * MIN, hold)).toBe(45 * MIN + FOR_GRACE_PERIOD_MS - hold);
    // Otherwise shifted by the downtime.
    expect(restoredActiveAt(0, 10 * MIN, 15 * MIN, hold)).toBe(5 * MIN);
  });
});
