import type { Response } from 'express';

export type ErrorStyle = 'clio' | 'dms';

/** An error that becomes an HTTP answer; `type` is the machine-readable error kind. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'BadRequestError', message);
export const notFound = (message: string) => new HttpError(404, 'RecordNotFound', message);
export const unprocessable = (message: string) => new HttpError(422, 'ValidationError', message);

/** Clio answers `{"error": {"type", "message"}}`; the DMS answers `{"error", "message"}`. */
export function sendError(res: Response, style: ErrorStyle, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  const body = style === 'clio' ? { error: { type: error.type, message: error.message } } : { error: error.type, message: error.message };
  res.status(error.status).json(body);
}
