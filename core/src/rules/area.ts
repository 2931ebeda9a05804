import { fingerprint } from '../alerting/fingerprint.js';
import { alertingHub } from '../alerting/hub.js';
import { parseDuration, type PanoptesConfig } from '../config/index.js';
import { Engine } from '../promql/index.js';
import type { Area } from '../server/area.js';
import { registerRulesApi } from './api.js';
import { engineQueryFunc, storageWriteFunc } from './engine-query.js';
import { formatRuleProblem } from './errors.js';
import { ForStateStore } from './for-state.js';
import { loadRuleFiles, type LoadedRules } from './load-rule-files.js';
import { RuleManager } from './manager.js';

function externalURL(cfg: PanoptesConfig, listenAddress: string): string {
  return cfg.server.external_url ?? `http://${listenAddress}`;
}

/**
 * The rules area: loads rule_files, evaluates groups against the PromQL
 * engine, writes recording rules and ALERTS back to storage, sends alerts to
 * the alerting area, and serves /api/v1/rules and /api/v1/alerts. A reload
 * with a bad rule file is refused and the old rules keep running.
 */
export const rulesArea: Area = async (app, ctx) => {
  const log = ctx.logger.child({ area: 'rules' });
  let manager: RuleManager | undefined;
  /** Rules read by the last successful onConfigCheck, applied by onConfigApply. */
  let checked: { files: readonly string[]; rules: LoadedRules } | undefined;

  const load = async (cfg: PanoptesConfig): Promise<LoadedRules> => {
    const rules = await loadRuleFiles(cfg.rule_files);
    for (const w of rules.warnings) log.warn({ problem: formatRuleProblem(w) }, 'rule file warning');
    return rules;
  };

  registerRulesApi(app, () => manager?.groups() ?? []);

  ctx.onReady(async () => {
    const engine = new Engine(ctx.storage, {
      lookbackDelta: parseDuration(ctx.config().query.lookback_delta) ?? 300_000,
      timeout: parseDuration(ctx.config().query.timeout) ?? 120_000,
      maxSamples: ctx.config().query.max_samples,
    });
    manager = new RuleManager({
      query: engineQueryFunc(engine),
      write: storageWriteFunc(() => ctx.storage),
      notify: (alerts) => {
        const hub = alertingHub(ctx);
        if (!hub) return;
        // External labels are added to outgoing alerts (alert labels win), as Prometheus does before sending.
        const external = ctx.config().global.external_labels;
        hub.receive(alerts.map((a) => ({ ...a, labels: { ...external, ...a.labels } })));
      },
      externalLabels: () => ctx.config().global.external_labels,
      externalURL: () => externalURL(ctx.config(), ctx.listenAddress),
      defaultInterval: () => parseDuration(ctx.config().global.evaluation_interval) ?? 60_000,
      forState: new ForStateStore(ctx.storage.keyspace('rules').sub('for-state')),
      onTransition: (t) =>
        alertingHub(ctx)?.record({
          ts: t.at,
          kind: 'state',
          source: 'rules',
          fingerprint: fingerprint(t.labels),
          labels: t.labels,
          state: t.to === 'inactive' ? (t.from === 'firing' ? 'resolved' : 'inactive') : t.to,
          rule: t.rule,
          ruleGroup: t.group,
          value: t.value,
        }),
      logger: log,
    });
    try {
      await manager.update((await load(ctx.config())).groups);
    } catch (err) {
      // A bad rule file at start does not stop the server; it runs without those rules and says why.
      log.error({ err: (err as Error).message }, 'rule files are invalid; no rules loaded');
    }
    manager.start();
    log.info({ groups: manager.groups().length }, 'rules loaded');
  });

  ctx.onConfigCheck(async (next) => {
    checked = { files: next.rule_files, rules: await load(next) };
  });

  ctx.onConfigApply(async (next) => {
    if (!manager) return;
    const rules = checked && checked.files === next.rule_files ? checked.rules : await load(next);
    checked = undefined;
    await manager.update(rules.groups);
    log.info({ groups: manager.groups().length }, 'rules reloaded');
  });

  ctx.onShutdown(async () => {
    await manager?.stop();
  });
};
