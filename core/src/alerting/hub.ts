import type { AreaContext } from '../server/area.js';
import type { IncomingAlert } from './alerts.js';
import type { HistoryEvent } from './history.js';

/**
 * How the rules area reaches the alerting area of the same server without
 * either importing the other's internals: the alerting area publishes a hub
 * for its AreaContext; the rules area looks it up at send time (areas
 * register in order, so the hub may appear after rules start).
 */
export interface AlertingHub {
  /** Alerts from the rule engine (Prometheus' SendAlerts). */
  receive(alerts: readonly IncomingAlert[]): void;
  /** State changes seen by the rule engine, for history. */
  record(event: HistoryEvent): void;
}

const hubs = new WeakMap<AreaContext, AlertingHub>();

export function setAlertingHub(ctx: AreaContext, hub: AlertingHub): void {
  hubs.set(ctx, hub);
}

export function alertingHub(ctx: AreaContext): AlertingHub | undefined {
  return hubs.get(ctx);
}
