/** What one push did: counts for the response headers and the errors of rejected series. */
export interface WriteOutcome {
  samples: number;
  exemplars: number;
  histograms: number;
  rejectedSeries: number;
  rejectedSamples: number;
  /** The first few rejection messages, for the 400 body. */
  readonly errors: string[];
}

export function emptyOutcome(): WriteOutcome {
  return { samples: 0, exemplars: 0, histograms: 0, rejectedSeries: 0, rejectedSamples: 0, errors: [] };
}

/** Rejections quoted in a 400 body: Prometheus reads only the first 1,024 bytes anyway. */
const MAX_QUOTED_ERRORS = 3;

export function reject(outcome: WriteOutcome, samples: number, message: string): void {
  outcome.rejectedSeries++;
  outcome.rejectedSamples += samples;
  if (outcome.errors.length < MAX_QUOTED_ERRORS) outcome.errors.push(message);
}

/** The body of a 400 for a partly rejected push: says what was kept and why the rest was not. */
export function describePartial(outcome: WriteOutcome): string {
  const first = outcome.errors.join('; ');
  return `rejected ${outcome.rejectedSeries} series (${outcome.rejectedSamples} samples), accepted ${outcome.samples} samples: ${first}`;
}
