import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** Something that can claim an error thrown outside any hook: the host, asking its plugins. */
export interface ErrorClaimant {
  /** Takes the error and returns true when one of its plugins' files is on the stack. */
  claim(err: unknown): boolean;
}

const claimants = new Set<ErrorClaimant>();
let installed = false;

/** The real path of a package folder (with a trailing separator) or plugin file, for matching stack frames. */
export function stackPrefix(dirOrFile: string): string {
  try {
    const real = realpathSync(dirOrFile);
    return statSync(real).isDirectory() ? real + path.sep : real;
  } catch {
    return path.resolve(dirOrFile) + path.sep;
  }
}

/** True when `err`'s stack has a frame in a file under `prefix` (a path or its file URL). */
export function stackMentions(err: unknown, prefix: string): boolean {
  const stack = (err as { stack?: unknown } | null)?.stack;
  if (typeof stack !== 'string') return false;
  return stack.includes(prefix) || stack.includes(`file://${prefix}`);
}

function onUncaught(err: unknown): void {
  for (const c of claimants) if (c.claim(err)) return;
  // Not a plugin's: behave as Node does without a handler.
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
}

function onUnhandledRejection(reason: unknown): void {
  for (const c of claimants) if (c.claim(reason)) return;
  // Node's default mode (throw) turns it into an uncaught exception.
  onUncaught(reason);
}

/**
 * Contains errors a plugin raises outside the SDK's capabilities (its own
 * timers, event emitters, forgotten promises), which would otherwise end the
 * process: the plugin whose files are on the error's stack takes the blame
 * and is restarted. Anything else still ends the process as Node would.
 *
 * Installed only when nothing else listens for these events (a test runner
 * or an embedding application keeps its own policy), so it changes nothing
 * for them. Returns the function that removes this claimant.
 */
export function guardProcess(claimant: ErrorClaimant): () => void {
  claimants.add(claimant);
  if (!installed && process.listenerCount('uncaughtException') === 0 && process.listenerCount('unhandledRejection') === 0) {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUnhandledRejection);
    installed = true;
  }
  return () => {
    claimants.delete(claimant);
    if (installed && claimants.size === 0) {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUnhandledRejection);
      installed = false;
    }
  };
}
