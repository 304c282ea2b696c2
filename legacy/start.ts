import type { Logger } from '../shared/logger.js';
import { billingRouter } from './billing/routes.js';
import { createCms } from './cms/app.js';
import { clioSimRouter } from './cms/sim.js';
import { DEFAULT_DELIVERY_POLICY } from './cms/webhooks/dispatcher.js';
import { dmsRouter } from './dms/routes.js';
import type { Firm } from './firm/types.js';
import { createSimulatorApp } from './http/app.js';
import { DriftState } from './http/clio/drift.js';
import { apiVersion, VersionState } from './http/clio/version.js';
import { FaultState, type FaultOptions } from './http/faults.js';
import { listen, type Listening } from './http/server.js';
import { createStore, type Store } from './store/store.js';
import { OAuthServer, type OAuthOptions } from './cms/oauth/server.js';
import { oauthRoutes } from './cms/oauth/routes.js';

export type { FaultOptions } from './http/faults.js';

export type LegacySystem = 'cms' | 'dms' | 'billing';

/** The CMS's Clio API version and webhook delivery settings (all optional). */
export interface CmsSimulatorOptions {
  /** Served without X-API-VERSION (default 4.0.9); billing follows it too (one Clio API). */
  apiVersion?: string;
  /** This version and older answer 410 Gone (default 4.0.2). */
  retiredThrough?: string;
  /** First webhook retry after this long, doubling (default 1000 ms). */
  webhookRetryBaseMs?: number;
  /** Delivery attempts, the first included, before giving up (default 5). */
  webhookMaxAttempts?: number;
  /** Per attempt and for the handshake (default 5000 ms). */
  webhookTimeoutMs?: number;
}

export interface SimulatorOptions {
  firm: Firm;
  token: string;
  rateLimitPerMinute: number;
  host?: string;
  /** 0 = any free port. */
  ports: { cms: number; dms: number; billing: number };
  faults?: FaultOptions;
  cms?: CmsSimulatorOptions;
  /** Clio's OAuth apps: their access tokens are accepted by the CMS and billing besides `token`. */
  oauth?: OAuthOptions;
  logger: Logger;
}

export interface RunningSimulators {
  cms: { url: string };
  dms: { url: string };
  billing: { url: string };
  /** The firm the simulators serve; it shows their writes. */
  firm: Firm;
  /** The indexed firm; writes through its tables (insert/update/remove) fire the CMS's webhooks. */
  store: Store;
  /** Clio's authorization server (tests shorten token lifetimes through it). */
  oauth: OAuthServer;
  setFaults(system: LegacySystem, faults: FaultOptions): void;
  /** Sets the default Clio API version (and optionally the retirement line) of the CMS and billing. */
  setApiVersion(version: string, retiredThrough?: string): void;
  close(): Promise<void>;
}

/** Starts the CMS, DMS and billing simulators over one shared firm. */
export async function startSimulators(options: SimulatorOptions): Promise<RunningSimulators> {
  const { firm, token, rateLimitPerMinute, logger } = options;
  const host = options.host ?? '127.0.0.1';
  const store = createStore(firm);
  const faults: Record<LegacySystem, FaultState> = {
    cms: new FaultState(options.faults),
    dms: new FaultState(options.faults),
    billing: new FaultState(options.faults),
  };
  const cmsOptions = options.cms ?? {};
  const versions = new VersionState({
    ...(cmsOptions.apiVersion ? { version: cmsOptions.apiVersion } : {}),
    ...(cmsOptions.retiredThrough ? { retiredThrough: cmsOptions.retiredThrough } : {}),
  });
  const drift = new DriftState();
  const cms = createCms({
    store,
    versions,
    drift,
    faults: faults.cms,
    policy: {
      retryBaseMs: cmsOptions.webhookRetryBaseMs ?? DEFAULT_DELIVERY_POLICY.retryBaseMs,
      maxAttempts: cmsOptions.webhookMaxAttempts ?? DEFAULT_DELIVERY_POLICY.maxAttempts,
      timeoutMs: cmsOptions.webhookTimeoutMs ?? DEFAULT_DELIVERY_POLICY.timeoutMs,
    },
    logger: logger.child({ simulator: 'cms' }),
    inboxToken: token,
  });
  const oauth = new OAuthServer(options.oauth ?? { apps: [] });
  const common = { token, rateLimitPerMinute, logger, acceptToken: (given: string) => oauth.accepts(given) };
  const clio = { style: 'clio' as const, before: [apiVersion(versions, drift)] };
  const apps = {
    cms: createSimulatorApp({ ...common, ...clio, before: [cms.inbox, ...clio.before], name: 'cms', faults: faults.cms, open: oauthRoutes(oauth), api: cms.api, sim: cms.sim }),
    dms: createSimulatorApp({ ...common, name: 'dms', faults: faults.dms, style: 'dms', api: dmsRouter(store) }),
    billing: createSimulatorApp({ ...common, ...clio, name: 'billing', faults: faults.billing, api: billingRouter(store), sim: clioSimRouter({ versions, drift, specs: cms.specs, store }) }),
  };

  const started: Listening[] = [];
  const closeAll = async () => {
    await cms.close();
    await Promise.all(started.map((server) => server.close()));
  };
  try {
    for (const system of ['cms', 'dms', 'billing'] as const) started.push(await listen(apps[system], host, options.ports[system]));
  } catch (error) {
    await closeAll();
    throw error;
  }
  const [cmsServer, dms, billing] = started as [Listening, Listening, Listening];
  logger.debug({ cms: cmsServer.url, dms: dms.url, billing: billing.url }, 'legacy simulators listening');
  return {
    cms: { url: cmsServer.url },
    dms: { url: dms.url },
    billing: { url: billing.url },
    firm,
    store,
    oauth,
    setFaults: (system, value) => faults[system].set(value),
    setApiVersion: (version, retiredThrough) => versions.set({ version, ...(retiredThrough ? { retiredThrough } : {}) }),
    close: closeAll,
  };
}
