import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from '../../shared/logger.js';
import { requireBearer } from './auth.js';
import { HttpError, sendError, type ErrorStyle } from './errors.js';
import { faultOptionsSchema, injectFaults, type FaultState } from './faults.js';
import { rateLimit } from './rateLimit.js';

export interface SimulatorAppOptions {
  name: string;
  token: string;
  rateLimitPerMinute: number;
  faults: FaultState;
  style: ErrorStyle;
  logger: Logger;
  /** The API itself; faults and rate limits apply to it, not to `/_sim`. */
  api: Router;
  /** Handlers run before everything else on API routes (e.g. Clio's X-API-VERSION). */
  before?: RequestHandler[];
  /** More test controls under `/_sim` (behind the same bearer token). */
  sim?: Router;
  /** Served before bearer auth (the CMS's OAuth endpoints). */
  open?: Router;
  /** Bearer tokens accepted besides `token` (OAuth access tokens). */
  acceptToken?: (given: string) => boolean;
}

function isBodyParseError(error: unknown): error is { status: number; message: string } {
  return typeof error === 'object' && error !== null && 'type' in error && (error as { type: unknown }).type === 'entity.parse.failed';
}

/** The frame every simulator shares: `/_sim/faults`, rate limits, bearer auth, faults, errors. */
export function createSimulatorApp(options: SimulatorAppOptions): Express {
  const { token, faults, style, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    const started = Date.now();
    res.on('finish', () => logger.debug({ simulator: options.name, method: req.method, url: req.originalUrl, status: res.statusCode, ms: Date.now() - started }, 'request'));
    next();
  });
  app.use(express.json({ limit: '1mb' }));

  const sim = express.Router();
  sim.use(requireBearer(token));
  sim.get('/faults', (_req, res) => {
    res.json(faults.get());
  });
  sim.put('/faults', (req, res, next) => {
    const parsed = faultOptionsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return next(new HttpError(400, 'BadRequestError', `Invalid faults: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`));
    }
    faults.set(parsed.data);
    logger.info({ simulator: options.name, faults: faults.get() }, 'faults changed');
    res.json(faults.get());
  });
  if (options.sim) sim.use(options.sim);
  app.use('/_sim', sim);

  if (options.open) app.use(options.open);
  app.use(...(options.before ?? []), rateLimit(options.rateLimitPerMinute), requireBearer(token, options.acceptToken), injectFaults(faults), options.api);
  app.use((req, _res, next) => next(new HttpError(404, 'RecordNotFound', `No route for ${req.method} ${req.path}`)));

  const onError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof HttpError) return sendError(res, style, error);
    if (isBodyParseError(error)) return sendError(res, style, new HttpError(400, 'BadRequestError', `Malformed JSON body: ${error.message}`));
    logger.error({ err: error, method: req.method, path: req.path }, 'simulator error');
    sendError(res, style, new HttpError(500, 'InternalServerError', 'Internal server error'));
  };
  app.use(onError);
  return app;
}
