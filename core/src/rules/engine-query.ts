import type { Labels, Storage } from '@panoptes/storage';
import type { Engine } from '../promql/index.js';
import { RulesError } from './errors.js';
import type { OutputSample, QueryFunc, WriteFunc } from './types.js';

function toRecord(labels: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of labels) out[l.name] = l.value;
  return out;
}

function toLabels(record: Readonly<Record<string, string>>): Labels {
  return Object.keys(record)
    .sort()
    .map((name) => ({ name, value: record[name]! }));
}

/**
 * Adapts the PromQL engine to the rule engine's QueryFunc (Prometheus'
 * EngineQueryFunc): instant queries; a scalar becomes one sample without
 * labels; anything else is an error.
 */
export function engineQueryFunc(engine: Pick<Engine, 'instantQuery'>): QueryFunc {
  return async (expr, at) => {
    const { data } = await engine.instantQuery(expr, at);
    switch (data.resultType) {
      case 'vector':
        return data.result.map((e) => ({ labels: toRecord(e.metric), value: e.f }));
      case 'scalar':
        return [{ labels: {}, value: data.result.f }];
      default:
        throw new RulesError('PNP_RULES_EVAL', `rule result is not a vector or scalar: ${data.resultType}`);
    }
  };
}

/** Writes rule output through one storage appender per batch; resolves once durable. */
export function storageWriteFunc(storage: () => Pick<Storage, 'appender'>): WriteFunc {
  return async (samples: readonly OutputSample[]) => {
    const app = storage().appender();
    try {
      for (const s of samples) app.append(0, toLabels(s.labels), s.t, s.v);
    } catch (err) {
      app.rollback();
      throw err;
    }
    await app.commit();
  };
}
