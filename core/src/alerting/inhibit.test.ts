import { describe, expect, it } from 'vitest';
import { compileAlertingConfig } from './compile-config.js';
import { fingerprint } from './fingerprint.js';
import { inhibitedBy } from './inhibit.js';

const { inhibitRules } = compileAlertingConfig({
  route: { receiver: 'r' },
  receivers: [{ name: 'r' }],
  inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity=~"warning|critical"'], equal: ['cluster'] }],
});

const alert = (labels: Record<string, string>) => ({ labels, fingerprint: fingerprint(labels) });

describe('inhibitedBy', () => {
  const crit = alert({ alertname: 'Down', severity: 'critical', cluster: 'a' });
  it('mutes a target when a source with equal labels fires', () => {
    expect(inhibitedBy(alert({ alertname: 'Slow', severity: 'warning', cluster: 'a' }), inhibitRules, [crit])).toEqual([crit.fingerprint]);
  });
  it('needs the equal labels to match (missing counts as empty)', () => {
    expect(inhibitedBy(alert({ alertname: 'Slow', severity: 'warning', cluster: 'b' }), inhibitRules, [crit])).toEqual([]);
    const noCluster = alert({ alertname: 'X', severity: 'critical' });
    expect(inhibitedBy(alert({ alertname: 'Slow', severity: 'warning' }), inhibitRules, [noCluster])).toEqual([noCluster.fingerprint]);
  });
  it('does not let alerts matching both sides inhibit each other, nor an alert itself', () => {
    const other = alert({ alertname: 'Other', severity: 'critical', cluster: 'a' });
    expect(inhibitedBy(crit, inhibitRules, [crit, other])).toEqual([]);
  });
});
