import type { PanoptesConfig } from '../config/index.js';
import { pluginHost } from '../plugins/host-registry.js';
import type { Area } from '../server/area.js';
import { buildInfo } from '../version.js';
import { AlertPipeline } from './alert-pipeline.js';
import { registerAlertmanagerApi } from './api-v2.js';
import { systemClock } from './clock.js';
import { compileAlertingConfig, type CompiledAlerting } from './compile-config.js';
import type { AlertingSectionConfig } from './config-types.js';
import { AlertHistory } from './history.js';
import { registerHistoryApi } from './history-api.js';
import { setAlertingHub } from './hub.js';
import { alertingMetrics } from './metrics.js';
import type { Notifier, NotifierResolver } from './notifier.js';
import { notifyLogPersistence, silencePersistence } from './persistence.js';
import { Silences } from './silences.js';

/** How often expired silences, old history and long-resolved alerts are cleaned up. */
const MAINTENANCE_INTERVAL_MS = 10 * 60_000;

function compile(cfg: PanoptesConfig): CompiledAlerting {
  return compileAlertingConfig(cfg.alerting as unknown as AlertingSectionConfig);
}

/**
 * The alerting area: the Alertmanager-style pipeline (routing, grouping,
 * inhibition, silences, time intervals, notification through notifier
 * plugins), its API v2, and the alert history API. Silences, the
 * notification log and history persist in the `alerting` keyspace.
 */
export const alertingArea: Area = async (app, ctx) => {
  const log = ctx.logger.child({ area: 'alerting' });
  // A bad alerting section stops the start with the reason, like any other config error.
  let compiled = compile(ctx.config());
  let pipeline: AlertPipeline | undefined;
  let history: AlertHistory | undefined;
  let stopMaintenance: (() => void) | undefined;

  /** Looks the notifier plugin up at send time: plugins start, stop and restart independently. */
  const resolveNotifier: NotifierResolver = (type, config) => {
    const host = pluginHost(ctx).notifiers().get(type);
    if (!host) return undefined;
    const notifier: Notifier = async (n, signal) => {
      const checked = host.checkConfig(config, `alerting receiver ${n.receiver}: ${type}_configs`);
      if ('problems' in checked) throw Object.assign(new Error(checked.problems.join('; ')), { retryable: false });
      await host.notify(n, checked.config, { signal });
    };
    return notifier;
  };

  registerAlertmanagerApi(app, () => pipeline, { configYaml: () => ctx.loadedConfig().source, startTime: ctx.startTime, version: buildInfo() as unknown as Record<string, string> });
  registerHistoryApi(app, { pipeline: () => pipeline, history: () => history });

  ctx.onReady(async () => {
    const ks = ctx.storage.keyspace('alerting');
    history = new AlertHistory(ks.sub('history'), (err) => log.error({ err: err.message }, 'writing alert history failed'));
    const silenceStore = silencePersistence(ks.sub('silences'));
    const silences = new Silences(() => systemClock.now(), silenceStore);
    silences.load(await silenceStore.loadAll());
    const nflog = notifyLogPersistence(ks.sub('nflog'));
    const cfg = ctx.config();
    pipeline = new AlertPipeline(compiled, {
      clock: systemClock,
      silences,
      resolveNotifier,
      externalURL: cfg.server.external_url ?? `http://${ctx.listenAddress}`,
      history,
      metrics: alertingMetrics(ctx.metrics),
      onLogEntry: (key, entry) => void nflog.save(key, entry).catch((err: Error) => log.warn({ err: err.message }, 'saving the notification log failed')),
    });
    for (const [key, entry] of await nflog.loadAll()) pipeline.notifications.log.set(key, entry);
    const p = pipeline;
    const h = history;
    setAlertingHub(ctx, { receive: (alerts) => void p.receive(alerts), record: (e) => h.record(e) });

    const maintain = async () => {
      try {
        p.gc();
        await silences.gc();
        const dropped = await h.gc(Date.now() - p.config.historyRetention);
        if (dropped > 0) log.info({ dropped }, 'alert history past retention removed');
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'alerting maintenance failed');
      }
      stopMaintenance = systemClock.setTimer(MAINTENANCE_INTERVAL_MS, () => void maintain());
    };
    await maintain();
    log.info({ silences: silences.list().length, receivers: compiled.receivers.size }, 'alerting ready');
  });

  ctx.onConfigCheck((next) => {
    const c = compile(next);
    // Entries for notifier types no running plugin provides are allowed (the plugin may start later) but said.
    const types = new Set(pluginHost(ctx).notifiers().types());
    for (const r of c.receivers.values()) {
      for (const e of r.notifiers) if (types.size > 0 && !types.has(e.type)) log.warn({ receiver: r.name, type: e.type }, `no running notifier plugin provides ${e.type}_configs`);
    }
  });

  ctx.onConfigApply((next) => {
    compiled = compile(next);
    pipeline?.applyConfig(compiled);
  });

  ctx.onShutdown(async () => {
    stopMaintenance?.();
    pipeline?.stop();
    await history?.flush();
  });
};
