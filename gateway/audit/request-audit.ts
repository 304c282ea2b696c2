import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Kind, parse } from 'graphql';
import { findAccountByEmail } from '../../shared/auth/accounts.js';
import type { Principal } from '../../shared/auth/principal.js';
import { outcomeOf, redactVariables, sha256Hex, storableText, type AuditLog, type NewAuditEntry } from '../../shared/audit/index.js';
import type { AuditKind, AuditOutcome } from '../../shared/audit/AuditEntry.js';
import { recordGraphQLOperation } from '../../shared/observability/metrics.js';

/** What the Apollo plugin knows of one operation. */
export interface OperationAudit {
  operationName: string | null;
  operationHash: string | null;
  variables: Record<string, unknown> | null;
  errorCodes: string[];
}

/** What one HTTP request contributes to its audit entry, filled in as it is served. */
export interface RequestAudit {
  at: Date;
  startedAt: number;
  address: string | null;
  userAgent: string | null;
  principal?: Principal;
  /** Added by the Apollo plugin as each operation gets its answer: one, or several for a batch. */
  operations: OperationAudit[];
  /** The error a context function threw (e.g. UNAUTHENTICATED). */
  contextError?: unknown;
  /** The `extensions.code`s of a JSON error answer sent by express middleware (limits, bad JSON). */
  answerCodes?: string[];
}

const audits = new WeakMap<Response, RequestAudit>();

export const requestAuditOf = (res: Response): RequestAudit | undefined => audits.get(res);

/** Says who the request turned out to be (e.g. the account a password was just set for). */
export function noteAuditPrincipal(res: Response, principal: Principal): void {
  const audit = audits.get(res);
  if (audit) audit.principal = principal;
}

/** The code of an error we raised on purpose (`extensions.code`), if any. */
export function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('extensions' in error)) return null;
  const { extensions } = error;
  if (typeof extensions !== 'object' || extensions === null || !('code' in extensions)) return null;
  return typeof extensions.code === 'string' ? extensions.code : null;
}

/** The codes of a `{"errors": [...]}` body, e.g. OPERATION_TOO_COMPLEX from the operation limits. */
function errorCodesIn(body: unknown): string[] | undefined {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return undefined;
  const codes = body.errors.map(codeOf).filter((code): code is string => code !== null);
  return codes.length > 0 ? codes : undefined;
}

/** What an HTTP status says when nothing better is known. */
export function codeOfStatus(status: number): string | null {
  if (status < 400) return null;
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_REQUEST';
}

const objectOf = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : null;
const stringOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function parseJsonObject(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'string') return objectOf(value);
  try {
    return objectOf(JSON.parse(value));
  } catch {
    return null;
  }
}

/** The name of the operation a document would run, for a request refused before Apollo Server parsed it. */
export function operationNameIn(query: string | null, given: string | null): string | null {
  // A name the caller gave is stored as given (and bounded): the log shows what was asked for.
  if (given !== null) return storableText(given.slice(0, 200));
  if (query === null) return null;
  try {
    const operations = parse(query, { maxTokens: 10_000 }).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    return operations.length === 1 ? operations[0]?.name?.value ?? null : null;
  } catch {
    return null;
  }
}

const identity = (principal: Principal | undefined) => ({
  accountId: principal?.accountId ?? null,
  email: principal?.email ?? null,
  role: principal?.role ?? null,
  clientId: principal?.clientId ?? null,
});

type Build = (req: Request, res: Response, audit: RequestAudit) => NewAuditEntry | NewAuditEntry[] | Promise<NewAuditEntry>;

/**
 * Starts the audit of a request and records it once the response is done (or the client went
 * away). A JSON error answer's codes are noted on the way out: the middleware that refuses a request
 * before Apollo Server (limits, rate limits) is not ours to change.
 */
function auditEachRequest(build: Build, log: AuditLog): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS' || audits.has(res)) {
      next();
      return;
    }
    const audit: RequestAudit = {
      at: new Date(), startedAt: performance.now(), address: req.ip ?? req.socket.remoteAddress ?? null, userAgent: storableText((req.get('user-agent') ?? '').slice(0, 512)) || null, operations: [],
    };
    audits.set(res, audit);
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      audit.answerCodes = errorCodesIn(body);
      return json(body);
    };
    // Built in the log's own turn, so that a failure to build is logged, never thrown at the socket.
    res.once('close', () => log.record(() => build(req, res, audit)));
    next();
  };
}

const durationOf = (audit: RequestAudit) => Math.max(0, Math.round(performance.now() - audit.startedAt));

/** A request no operation of which ran: what it asked for, read from the request, and why it was refused. */
function refusedOperation(req: Request, res: Response, audit: RequestAudit): OperationAudit {
  const params = req.method === 'GET' ? objectOf(req.query) : objectOf(req.body);
  const query = stringOf(params?.query);
  const thrown = codeOf(audit.contextError);
  const fromStatus = codeOfStatus(res.statusCode) ?? (res.writableFinished ? null : 'CLIENT_CLOSED_REQUEST');
  const codes = thrown ? [thrown] : audit.answerCodes ?? (fromStatus ? [fromStatus] : []);
  return {
    operationName: operationNameIn(query, stringOf(params?.operationName)),
    operationHash: query === null ? null : sha256Hex(query),
    variables: redactVariables(parseJsonObject(params?.variables)),
    errorCodes: codes,
  };
}

/**
 * Express middleware for the GraphQL endpoint: one entry per operation (several for a batch). The
 * Apollo plugin supplies each operation's details and errors; a request refused before Apollo Server
 * ran an operation — the context function threw (no or bad token: Apollo Server then calls no
 * request hook), the body was not JSON, a limit or rate limit answered — gets one entry, from the
 * request itself and the answer's error codes or HTTP status.
 */
export function auditGraphQLRequests(log: AuditLog): RequestHandler {
  return auditEachRequest((req, res, audit) => {
    const operations = audit.operations.length > 0 ? audit.operations : [refusedOperation(req, res, audit)];
    const seconds = (performance.now() - audit.startedAt) / 1000;
    for (const details of operations) recordGraphQLOperation({ name: details.operationName, errorCodes: details.errorCodes, role: audit.principal?.role ?? null, seconds });
    return operations.map((details) => ({
      at: audit.at, kind: 'GRAPHQL', ...identity(audit.principal),
      ...details, outcome: outcomeOf(details.errorCodes), durationMs: durationOf(audit), address: audit.address, userAgent: audit.userAgent,
    }));
  }, log);
}

function httpOutcome(status: number): { outcome: AuditOutcome; errorCodes: string[] } {
  const code = codeOfStatus(status);
  if (!code) return { outcome: 'SUCCESS', errorCodes: [] };
  // A wrong password is a refusal, like a missing token.
  return { outcome: status === 401 || status === 403 || status === 429 ? 'DENIED' : 'ERROR', errorCodes: [code] };
}

/**
 * Express middleware for a sign-in route (`POST /auth/login`, the set-password routes): one entry
 * per request, success or failure, with the body's secrets redacted. Who it was: the principal the
 * route noted, else the account the body's email names (looked up after the response is sent).
 */
export function auditSignIns(log: AuditLog, dataSource: DataSource, kind: AuditKind): RequestHandler {
  return auditEachRequest(async (req, res, audit) => {
    const body = req.method === 'GET' ? objectOf(req.query) : objectOf(req.body);
    const email = stringOf(body?.email);
    let who = identity(audit.principal);
    if (!audit.principal && email) {
      const account = await findAccountByEmail(dataSource, email);
      who = account
        ? { accountId: account.id, email: account.email, role: account.role, clientId: account.clientId }
        : { ...who, email: storableText(email.slice(0, 320)) };
    }
    return {
      at: audit.at, kind, ...who, operationName: `${req.method} ${req.baseUrl}${req.path}`, operationHash: null,
      variables: redactVariables(body), ...httpOutcome(res.statusCode),
      durationMs: durationOf(audit), address: audit.address, userAgent: audit.userAgent,
    };
  }, log);
}
