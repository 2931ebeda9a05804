import type { Command } from 'commander';
import { compactDataDir, readDataDirStats, StorageError, type StorageStats } from '@panoptes/storage';

/**
 * Reports progress of a long operation: a bar redrawn in place on a
 * terminal, a log line every few seconds otherwise (CI logs, pipes).
 */
function createProgress(stream: NodeJS.WriteStream, label: string): { update(done: number, total: number, what?: string): void; end(): void } {
  const tty = stream.isTTY === true;
  let lastLine = 0;
  let drawn = false;
  return {
    update(done, total, what) {
      if (total <= 0) return;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const pct = `${(frac * 100).toFixed(0).padStart(3)}%`;
      if (tty) {
        const width = 30;
        const full = Math.round(frac * width);
        stream.write(`\r${label} [${'#'.repeat(full)}${'-'.repeat(width - full)}] ${pct} ${what ?? ''}`.padEnd(100).slice(0, 100));
        drawn = true;
      } else if (Date.now() - lastLine >= 2000 || frac === 1) {
        lastLine = Date.now();
        stream.write(`${label}: ${pct}${what ? ` (${what})` : ''}\n`);
      }
    },
    end() {
      if (tty && drawn) stream.write('\n');
    },
  };
}

function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

function formatStats(dir: string, s: StorageStats): string {
  const lines: string[] = [];
  const total = s.bytesOnDisk.total ?? 0;
  lines.push(`Data directory: ${dir}`);
  lines.push(`Series:   ${s.series}`);
  lines.push(`Samples:  ${s.samples}`);
  lines.push(`Chunks:   ${s.chunks} (${s.headChunks} in the head)`);
  lines.push(`Time:     ${s.minTime === null ? '-' : new Date(s.minTime).toISOString()} .. ${s.maxTime === null ? '-' : new Date(s.maxTime).toISOString()}`);
  lines.push(`Bytes per sample (whole directory): ${s.samples > 0 ? (total / s.samples).toFixed(3) : '-'}`);
  lines.push('', 'Bytes on disk:');
  for (const [k, v] of Object.entries(s.bytesOnDisk)) lines.push(`  ${k.padEnd(16)} ${humanBytes(v).padStart(10)}  (${v})`);
  const table = (title: string, rows: readonly { name: string; value: number }[]): void => {
    lines.push('', title);
    for (const r of rows) lines.push(`  ${String(r.value).padStart(8)}  ${r.name}`);
  };
  table('Label names with the most values:', s.labelValueCountByLabelName);
  table('Metric names with the most series:', s.seriesCountByMetricName);
  table('Label pairs with the most series:', s.seriesCountByLabelValuePair);
  table('Label names using the most memory (bytes):', s.memoryInBytesByLabelName);
  return lines.join('\n') + '\n';
}

function explain(err: unknown, dir: string): string {
  if (err instanceof StorageError && err.code === 'PNP_STORAGE_LOCKED') {
    return `error: ${dir} is held by a running Panoptes server; stop it first (or copy the directory) and run this again\n`;
  }
  return `error: ${(err as Error).message}\n`;
}

/** `panoptes tsdb stats|compact`, offline tools over a data directory, like promtool tsdb. */
export function registerTsdbCommands(program: Command): void {
  const tsdb = program.command('tsdb').description('inspect and maintain a data directory offline');

  tsdb
    .command('stats')
    .description('series, samples, chunks, bytes on disk and the highest-cardinality labels')
    .requiredOption('--data-dir <dir>', 'data directory')
    .option('--json', 'print JSON instead of a table')
    .option('--limit <n>', 'rows per cardinality table', '10')
    .action(async (opts: { dataDir: string; json?: boolean; limit: string }) => {
      const progress = createProgress(process.stderr, 'WAL replay');
      try {
        const stats = await readDataDirStats(opts.dataDir, { limit: Number(opts.limit) || 10, onReplayProgress: (d, t) => progress.update(d, t) });
        progress.end();
        const total = stats.bytesOnDisk.total ?? 0;
        if (opts.json) {
          process.stdout.write(JSON.stringify({ ...stats, bytesPerSample: stats.samples > 0 ? total / stats.samples : null }, null, 2) + '\n');
        } else {
          process.stdout.write(formatStats(opts.dataDir, stats));
        }
      } catch (err) {
        progress.end();
        process.stderr.write(explain(err, opts.dataDir));
        process.exitCode = 1;
      }
    });

  tsdb
    .command('compact')
    .description('persist the head and compact every time window (refuses while a server holds the directory)')
    .requiredOption('--data-dir <dir>', 'data directory')
    .option('--threads <n>', 'compaction worker threads', '1')
    .action(async (opts: { dataDir: string; threads: string }) => {
      const replay = createProgress(process.stderr, 'WAL replay');
      const compact = createProgress(process.stderr, 'compact');
      let replayDone = false;
      try {
        const res = await compactDataDir(opts.dataDir, {
          threads: Math.max(1, Number(opts.threads) || 1),
          onReplayProgress: (d, t) => replay.update(d, t),
          onProgress: (d, t, what) => {
            if (!replayDone) {
              replay.end();
              replayDone = true;
            }
            compact.update(d, t, what);
          },
        });
        if (!replayDone) replay.end();
        compact.end();
        process.stdout.write(
          `compacted ${res.windows} windows: ${res.chunksIn} chunks merged into ${res.chunksOut} (${res.seriesRewritten} series × window)` +
            (res.windowsDropped > 0 ? `, ${res.windowsDropped} windows dropped by retention` : '') +
            `; ${humanBytes(res.bytesBefore)} → ${humanBytes(res.bytesAfter)} on disk\n`,
        );
        if (res.errors > 0) {
          process.stderr.write(`${res.errors} series could not be compacted (see the log lines above); their data is unchanged\n`);
          process.exitCode = 1;
        }
      } catch (err) {
        compact.end();
        process.stderr.write(explain(err, opts.dataDir));
        process.exitCode = 1;
      }
    });
}
