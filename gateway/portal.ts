import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/** Where `npm run build:portal` puts the client portal (portal/vite.config.ts). */
export const PORTAL_DIST = fileURLToPath(new URL('../portal/dist/', import.meta.url));

/** Paths that belong to the API and are never answered with the portal's index.html. */
const API_PREFIXES = ['/graphql', '/auth', '/chat', '/healthz', '/livez', '/metrics', '/documents', '/webhooks', '/intake', '/connect', '/invitations', '/dev'];

/**
 * The client portal at `/`: its built files, and index.html for client routes such as
 * /matters/:id (a history-API router). Mounted after the API routes, so /graphql, GraphiQL and
 * the rest answer first. Without a build, nothing is served and `/` says how to build it.
 */
export function portalRouter(dist: string = PORTAL_DIST): Router {
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  router.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  router.get(/.*/, (req, res, next) => {
    if (API_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`)) || !req.accepts('html')) {
      next();
      return;
    }
    if (!existsSync(index)) {
      res.status(404).type('text/plain').send('The client portal is not built: run `npm run build:portal` (npm start does it).');
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  return router;
}
