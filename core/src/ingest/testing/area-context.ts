import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { Storage } from '@panoptes/storage';
import { defaultConfig, type PanoptesConfig } from '../../config/index.js';
import type { AreaContext } from '../../server/area.js';

/** Hooks a test area context collected, so the test can run them. */
export interface TestAreaContext extends AreaContext {
  readonly hooks: {
    ready: (() => Promise<void> | void)[];
    check: ((c: PanoptesConfig) => Promise<void> | void)[];
    apply: ((c: PanoptesConfig) => Promise<void> | void)[];
    shutdown: (() => Promise<void> | void)[];
  };
  setConfig(next: PanoptesConfig): void;
}

/** An AreaContext over a given storage and config, with a silent logger, for area tests. */
export function createTestAreaContext(storage: Storage, config?: PanoptesConfig, listenAddress = '127.0.0.1:0'): TestAreaContext {
  const loaded = defaultConfig();
  let current = config ?? loaded.config;
  const hooks: TestAreaContext['hooks'] = { ready: [], check: [], apply: [], shutdown: [] };
  return {
    storage,
    config: () => current,
    loadedConfig: () => ({ ...loaded, config: current }),
    listenAddress,
    dataDir: '',
    metrics: new Registry(),
    logger: pino({ level: 'silent' }),
    startTime: Date.now(),
    flags: {},
    onReady: (fn) => void hooks.ready.push(fn),
    onConfigCheck: (fn) => void hooks.check.push(fn),
    onConfigApply: (fn) => void hooks.apply.push(fn),
    onShutdown: (fn) => void hooks.shutdown.push(fn),
    hooks,
    setConfig: (next) => {
      current = next;
    },
  };
}
