/**
 * Bounds how many queries run at once (`query.max_concurrency`), as
 * Prometheus's --query.max-concurrency does: the others wait their turn in
 * arrival order. A limit of 0 or less means no limit.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: () => number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const max = this.limit();
    if (max > 0 && this.running >= max) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Queries running now (for tests and metrics). */
  get active(): number {
    return this.running;
  }
}
