import type { NotificationAlert, NotificationGroup } from '../notifier.js';

/**
 * A realistic notification group (one firing alert) for notifier tests;
 * override any field. Alerts given in `overrides.alerts` replace the default.
 */
export function exampleNotificationGroup(overrides: Partial<NotificationGroup> = {}): NotificationGroup {
  const alert: NotificationAlert = {
    status: 'firing',
    labels: { alertname: 'HighLatency', instance: 'web-1:9100', job: 'node', severity: 'page' },
    annotations: { summary: 'p99 latency above 500ms' },
    startsAt: '2030-01-01T00:00:00Z',
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://localhost:9410/graph?g0.expr=latency_p99+%3E+0.5',
    fingerprint: '7a5c3e9b0d1f2a44',
  };
  return {
    receiver: 'team-web',
    status: 'firing',
    alerts: [alert],
    groupLabels: { alertname: 'HighLatency' },
    commonLabels: alert.labels,
    commonAnnotations: alert.annotations,
    externalURL: 'http://localhost:9410',
    groupKey: '{}:{alertname="HighLatency"}',
    truncatedAlerts: 0,
    ...overrides,
  };
}
