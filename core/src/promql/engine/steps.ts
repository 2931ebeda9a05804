import { PromQLEvalError } from '../errors.js';

/**
 * The values of one node of the expression at each evaluation step,
 * computed lazily, one step at a time. Consumers ask for steps in increasing
 * order (a step may be asked for several times, and steps may be skipped);
 * only the current step's value is held, so evaluating a range query keeps
 * one step of each node in memory, not the whole range.
 *
 * Contract for consumers: a step's value is valid until the next step is
 * asked for. Producers may reuse sample objects from one step to the next,
 * so copy what must outlive the step (values, not Sample objects).
 */
export class Steps<T> {
  private lastIndex = -1;
  private last: T | undefined;

  constructor(
    readonly length: number,
    private readonly compute: (i: number) => T,
  ) {}

  /** The value at step i; i must not decrease between calls. */
  get(i: number): T {
    if (i !== this.lastIndex) {
      if (i < this.lastIndex) throw new PromQLEvalError(`BUG: step ${i} asked for after step ${this.lastIndex}`);
      this.last = this.compute(i);
      this.lastIndex = i;
    }
    return this.last as T;
  }

  /** A lazy transformation of every step. */
  map<U>(fn: (value: T, i: number) => U): Steps<U> {
    return new Steps(this.length, (i) => fn(this.get(i), i));
  }

  static of<T>(length: number, compute: (i: number) => T): Steps<T> {
    return new Steps(length, compute);
  }
}
