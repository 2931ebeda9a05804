/** Errors of the scrape area, each with a stable code. */
export type ScrapeErrorCode =
  | 'PNP_SCRAPE_PARSE'
  | 'PNP_SCRAPE_CONTENT_TYPE'
  | 'PNP_SCRAPE_HTTP'
  | 'PNP_SCRAPE_TIMEOUT'
  | 'PNP_SCRAPE_BODY_SIZE_LIMIT'
  | 'PNP_SCRAPE_SAMPLE_LIMIT'
  | 'PNP_SCRAPE_LABEL_LIMIT'
  | 'PNP_SCRAPE_RELABEL_CONFIG'
  | 'PNP_SCRAPE_FILE_SD';

export class ScrapeError extends Error {
  readonly code: ScrapeErrorCode;
  constructor(code: ScrapeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScrapeError';
    this.code = code;
  }
}

/** A line of an exposition that does not parse; `line` is 1-based. */
export class ExpositionParseError extends ScrapeError {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super('PNP_SCRAPE_PARSE', `line ${line}: ${reason}`);
    this.name = 'ExpositionParseError';
  }
}
