import type { Command } from 'commander';
import { ConfigError, ConfigReadError } from '../../config/index.js';
import { startServer, type RunningServer } from '../../server/run-server.js';

interface ServeFlags {
  config?: string;
  listen?: string;
  dataDir?: string;
  logLevel?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the server (embedded defaults when no --config is given)')
    .option('-c, --config <file>', 'configuration file (YAML)')
    .option('--listen <host:port>', 'address to listen on (default 127.0.0.1:9410, or server.listen)')
    .option('--data-dir <dir>', 'data directory (default ./data, or server.data_dir)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or trace')
    .action(async (flags: ServeFlags) => {
      await serve(flags);
    });
}

async function serve(flags: ServeFlags): Promise<void> {
  let server: RunningServer;
  try {
    server = await startServer({
      ...(flags.config !== undefined && { configFile: flags.config }),
      ...(flags.listen !== undefined && { listen: flags.listen }),
      ...(flags.dataDir !== undefined && { dataDir: flags.dataDir }),
      ...(flags.logLevel !== undefined && { logLevel: flags.logLevel }),
      flags: Object.fromEntries(Object.entries(flags).map(([k, v]) => [k, String(v)])),
    });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof ConfigReadError) {
      process.stderr.write(`panoptes: invalid configuration:\n${err.message}\n`);
    } else {
      process.stderr.write(`panoptes: ${(err as Error).message}\n`);
    }
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`Panoptes is running at http://${server.address}/ (UI and API)\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      server.logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    server.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const timeoutMs = server.shutdownTimeoutMs();
    setTimeout(() => {
      server.logger.error({ timeoutMs }, 'shutdown took longer than server.shutdown_timeout: exiting now');
      process.exit(1);
    }, timeoutMs).unref();
    server.close().then(
      () => {
        server.logger.info('shutdown complete');
        process.exit(0);
      },
      (err: unknown) => {
        server.logger.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => {
    server.reload().catch(() => {
      /* logged by reload; the old config keeps running */
    });
  });
  server.ready.catch(() => {
    process.exitCode = 1;
  });
}
