import type { SchemaObject } from 'ajv';
import { duration, labelName } from './common.js';

/**
 * The `alerting:` section: alertmanager.yml's shape (global, route,
 * receivers, inhibit_rules, time_intervals, templates), so an existing
 * Alertmanager config moves over by pasting it under `alerting:`. Panoptes
 * adds `history` (retention of the alert history). Names that must refer to
 * each other (receivers, time intervals) and matcher syntax are checked by
 * the alerting area when it compiles the section.
 */

/** An Alertmanager matcher string: `name="value"`, `name=~"regex"`, `!=`, `!~`. */
const matcherList: SchemaObject = { type: 'array', items: { type: 'string', minLength: 1 } };

const labelMap: SchemaObject = { type: 'object', propertyNames: labelName, additionalProperties: { type: 'string' } };

const routeSchema: SchemaObject = {
  $id: 'https://panoptes.dev/schemas/alerting-route.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    receiver: { type: 'string', minLength: 1, description: 'Receiver for alerts that stop at this node; required on the root.' },
    group_by: {
      type: 'array',
      items: { type: 'string', pattern: '^([a-zA-Z_][a-zA-Z0-9_]*|\\.\\.\\.)$' },
      description: "Labels that form a group; ['...'] makes every label set its own group.",
    },
    matchers: matcherList,
    match: { ...labelMap, description: 'Deprecated: use matchers.' },
    match_re: { ...labelMap, description: 'Deprecated: use matchers.' },
    continue: { type: 'boolean', description: 'Keep matching later siblings after this route matched.' },
    group_wait: { ...duration, description: 'Wait before the first notification of a new group (default 30s).' },
    group_interval: { ...duration, description: 'Wait between notifications of a group (default 5m).' },
    repeat_interval: { ...duration, description: 'Re-send an unchanged group after this long (default 4h).' },
    mute_time_intervals: { type: 'array', items: { type: 'string' } },
    active_time_intervals: { type: 'array', items: { type: 'string' } },
    routes: { type: 'array', items: { $ref: '#' } },
  },
};

/** One `<type>_configs` entry: settings for the notifier plugin, plus the two the pipeline reads. */
const notifierEntry: SchemaObject = {
  type: 'object',
  properties: {
    send_resolved: { type: 'boolean' },
    max_alerts: { type: 'integer', minimum: 0 },
  },
};

const receiverSchema: SchemaObject = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 } },
  patternProperties: { '^[a-z][a-z0-9_]*_configs$': { type: 'array', items: notifierEntry } },
  additionalProperties: false,
};

const inhibitRuleSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    source_matchers: matcherList,
    target_matchers: matcherList,
    source_match: labelMap,
    source_match_re: labelMap,
    target_match: labelMap,
    target_match_re: labelMap,
    equal: { type: 'array', items: { type: 'string' } },
  },
};

const timeIntervalSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'time_intervals'],
  properties: {
    name: { type: 'string', minLength: 1 },
    time_intervals: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          times: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['start_time', 'end_time'],
              properties: {
                start_time: { type: 'string', pattern: '^\\d{2}:\\d{2}$' },
                end_time: { type: 'string', pattern: '^\\d{2}:\\d{2}$' },
              },
            },
          },
          weekdays: { type: 'array', items: { type: 'string' } },
          days_of_month: { type: 'array', items: { type: 'string' } },
          months: { type: 'array', items: { type: 'string' } },
          years: { type: 'array', items: { type: 'string' } },
          location: { type: 'string' },
        },
      },
    },
  },
};

export const alertingSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    global: {
      type: 'object',
      additionalProperties: false,
      properties: { resolve_timeout: { ...duration, description: 'endsAt of alerts posted without one (default 5m).' } },
    },
    route: routeSchema,
    receivers: { type: 'array', items: receiverSchema },
    inhibit_rules: { type: 'array', items: inhibitRuleSchema },
    time_intervals: { type: 'array', items: timeIntervalSchema },
    mute_time_intervals: { type: 'array', items: timeIntervalSchema, description: 'Deprecated spelling of time_intervals.' },
    templates: { type: 'array', items: { type: 'string' } },
    history: {
      type: 'object',
      additionalProperties: false,
      properties: { retention: { ...duration, description: 'How long alert history is kept (default 7d).' } },
    },
  },
  default: {},
};
