/** Error catalogue of the server area. */
export type ServerErrorCode = 'PNP_SERVER_NOT_READY' | 'PNP_SERVER_LISTEN' | 'PNP_SERVER_RELOAD';

export class ServerError extends Error {
  constructor(readonly code: ServerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServerError';
  }
}
