import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { bearerToken } from '../../http/auth.js';
import { OAuthError, type OAuthServer } from './server.js';

const authorizeSchema = z.object({
  response_type: z.literal('code', { message: 'response_type must be "code"' }),
  client_id: z.string().min(1, 'client_id is required'),
  redirect_uri: z.string().url('redirect_uri must be an absolute URL'),
  state: z.string().optional(),
});

const tokenSchema = z.discriminatedUnion('grant_type', [
  z.object({ grant_type: z.literal('authorization_code'), client_id: z.string(), client_secret: z.string(), code: z.string(), redirect_uri: z.string() }),
  z.object({ grant_type: z.literal('refresh_token'), client_id: z.string(), client_secret: z.string(), refresh_token: z.string() }),
]);

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function sendOAuthError(res: Response, error: unknown): void {
  if (error instanceof OAuthError) {
    res.status(error.status).json({ error: error.error, error_description: error.message });
    return;
  }
  throw error;
}

function approvalPage(query: z.infer<typeof authorizeSchema>, appName: string): string {
  const hidden = Object.entries(query).map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v ?? '')}">`).join('');
  return `<!doctype html><html><head><title>Clio – Authorize application</title></head><body>
<h1>Allow ${escape(appName)} to access your Clio account?</h1>
<form method="post" action="/oauth/authorize">${hidden}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form></body></html>`;
}

function readAuthorize(source: unknown, res: Response): z.infer<typeof authorizeSchema> | null {
  const parsed = authorizeSchema.safeParse(source);
  if (!parsed.success) {
    res.status(400).json({ error: 'invalid_request', error_description: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    return null;
  }
  return parsed.data;
}

/**
 * Clio's OAuth 2.0 endpoints (authorization code grant): the approval page, the token endpoint
 * (form-encoded, both grants) and deauthorization. The signed-in Clio user is implied: the
 * simulator has one firm.
 */
export function oauthRoutes(server: OAuthServer): Router {
  const router = Router();
  router.use('/oauth', express.urlencoded({ extended: false, limit: '16kb' }));

  router.get('/oauth/authorize', (req: Request, res: Response) => {
    const query = readAuthorize(req.query, res);
    if (!query) return;
    try {
      server.checkAuthorizeRequest(query.client_id, query.redirect_uri);
    } catch (error) {
      return sendOAuthError(res, error);
    }
    res.type('html').send(approvalPage(query, query.client_id));
  });

  router.post('/oauth/authorize', (req: Request, res: Response) => {
    const query = readAuthorize(req.body, res);
    if (!query) return;
    try {
      server.checkAuthorizeRequest(query.client_id, query.redirect_uri);
    } catch (error) {
      return sendOAuthError(res, error);
    }
    const target = new URL(query.redirect_uri);
    const body: unknown = req.body;
    const decision = typeof body === 'object' && body !== null && 'decision' in body ? body.decision : undefined;
    if (decision === 'allow') target.searchParams.set('code', server.issueCode(query.client_id, query.redirect_uri));
    else target.searchParams.set('error', 'access_denied');
    if (query.state !== undefined) target.searchParams.set('state', query.state);
    res.redirect(302, target.toString());
  });

  router.post('/oauth/token', (req: Request, res: Response) => {
    const parsed = tokenSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid_request', error_description: 'Send grant_type (authorization_code or refresh_token), client_id, client_secret and code + redirect_uri or refresh_token, form-encoded.' });
      return;
    }
    const input = parsed.data;
    try {
      res.set('cache-control', 'no-store').json(input.grant_type === 'authorization_code'
        ? server.exchangeCode({ clientId: input.client_id, clientSecret: input.client_secret, code: input.code, redirectUri: input.redirect_uri })
        : server.refresh({ clientId: input.client_id, clientSecret: input.client_secret, refreshToken: input.refresh_token }));
    } catch (error) {
      sendOAuthError(res, error);
    }
  });

  router.post('/oauth/deauthorize', (req: Request, res: Response) => {
    const body: unknown = req.body;
    const fromBody = typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string' ? body.token : null;
    const token = fromBody ?? bearerToken(req);
    if (!token || !server.deauthorize(token)) {
      res.status(401).json({ error: 'invalid_token', error_description: 'Send the access token as the bearer token (or as `token`); it is unknown or already revoked.' });
      return;
    }
    res.status(200).json({});
  });
  return router;
}
