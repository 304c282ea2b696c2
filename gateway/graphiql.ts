import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

export const GRAPHIQL_ASSETS_PATH = '/graphiql';

/** The UMD bundles GraphiQL runs from, served from node_modules: the page loads nothing from a CDN. */
const ASSETS: Record<string, string> = {
  'react.production.min.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
};

const PAGE_CSS = `
html, body, #graphiql { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
#signin { display: flex; gap: 8px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #ddd; font-size: 14px; }
#signin input { padding: 3px 6px; }
#graphiql { flex: 1; min-height: 0; }
`;

/**
 * Mounts GraphiQL with a headers editor holding `Authorization: Bearer …`: paste a token from
 * POST /auth/login there, or sign in with the bar above, which fills it in. Subscriptions go over
 * graphql-ws on the same path; GraphiQL sends the headers as the connection's init payload.
 */
const BOOT_JS = `
(function () {
  var placeholder = 'Bearer <paste the token from POST /auth/login>';
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var location = window.location;
  var fetcher = GraphiQL.createFetcher({
    url: location.pathname,
    subscriptionUrl: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + location.pathname,
  });
  var mounts = 0;
  function mount(authorization) {
    mounts += 1;
    root.render(React.createElement(GraphiQL, {
      key: 'graphiql-' + mounts,
      fetcher: fetcher,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers',
      defaultHeaders: JSON.stringify({ Authorization: authorization }, null, 2),
      headers: JSON.stringify({ Authorization: authorization }, null, 2),
      defaultQuery: '{\\n  me { email role }\\n  matters { number title nextHearing { title startsAt } balance { amount currency } }\\n}\\n',
    }));
  }
  document.getElementById('signin').addEventListener('submit', function (event) {
    event.preventDefault();
    var status = document.getElementById('signin-status');
    status.textContent = 'Signing in…';
    fetch('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: document.getElementById('email').value, password: document.getElementById('password').value }),
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
        status.textContent = 'Signed in: the token is in the Headers tab below.';
        mount('Bearer ' + body.token);
      });
    }).catch(function (error) { status.textContent = error.message; });
  });
  mount(placeholder);
})();
`;

const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>casebridge — GraphiQL</title>
  <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}/graphiql.min.css">
  <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}/page.css">
</head>
<body>
  <form id="signin">
    <strong>casebridge</strong>
    <input id="email" type="email" placeholder="email" autocomplete="username" required>
    <input id="password" type="password" placeholder="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
    <span id="signin-status">or paste a token into the Headers tab.</span>
  </form>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${GRAPHIQL_ASSETS_PATH}/react.production.min.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/react-dom.production.min.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/graphiql.min.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}/boot.js"></script>
</body>
</html>
`;

// Everything comes from this origin; GraphiQL and React set inline styles. The WebSocket origin is
// named too: older browsers do not count ws:/wss: as 'self'.
const contentSecurityPolicy = (host: string | undefined) =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'${host && /^[\w.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : ''}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;

/** A browser asking for a page (not a GraphQL GET with a query). */
export const wantsGraphiql = (req: express.Request) =>
  req.method === 'GET' && (req.get('accept') ?? '').includes('text/html') && req.query.query === undefined;

export function graphiqlRouter(graphqlPath: string): Router {
  const router = express.Router();
  router.get(graphqlPath, (req, res, next) => {
    if (!wantsGraphiql(req)) {
      next();
      return;
    }
    res.set({ 'content-security-policy': contentSecurityPolicy(req.get('host')), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }).type('html').send(PAGE_HTML);
  });
  router.get(`${GRAPHIQL_ASSETS_PATH}/boot.js`, (_req, res) => {
    res.type('application/javascript').send(BOOT_JS);
  });
  router.get(`${GRAPHIQL_ASSETS_PATH}/page.css`, (_req, res) => {
    res.type('text/css').send(PAGE_CSS);
  });
  for (const [name, file] of Object.entries(ASSETS)) {
    router.get(`${GRAPHIQL_ASSETS_PATH}/${name}`, (_req, res) => {
      res.set('cache-control', 'public, max-age=86400').sendFile(file);
    });
  }
  return router;
}

/** The asset URLs the page loads, for tests and checks. */
export const GRAPHIQL_ASSET_URLS = [...Object.keys(ASSETS), 'boot.js', 'page.css'].map((name) => `${GRAPHIQL_ASSETS_PATH}/${name}`);
