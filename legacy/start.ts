import type { Logger } from '../shared/logger.js';
import { billingRouter } from './billing/routes.js';
import { cmsRouter } from './cms/app.js';
import { dmsRouter } from './dms/routes.js';
import type { Firm } from './firm/types.js';
import { createSimulatorApp } from './http/app.js';
import { apiVersion } from './http/clio/version.js';
import { FaultState, type FaultOptions } from './http/faults.js';
import { listen, type Listening } from './http/server.js';
import { createStore } from './store/store.js';

export type { FaultOptions } from './http/faults.js';

export type LegacySystem = 'cms' | 'dms' | 'billing';

export interface SimulatorOptions {
  firm: Firm;
  token: string;
  rateLimitPerMinute: number;
  host?: string;
  /** 0 = any free port. */
  ports: { cms: number; dms: number; billing: number };
  faults?: FaultOptions;
  logger: Logger;
}

export interface RunningSimulators {
  cms: { url: string };
  dms: { url: string };
  billing: { url: string };
  /** The firm the simulators serve; it shows their writes. */
  firm: Firm;
  setFaults(system: LegacySystem, faults: FaultOptions): void;
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
  const common = { token, rateLimitPerMinute, logger };
  const apps = {
    cms: createSimulatorApp({ ...common, name: 'cms', faults: faults.cms, style: 'clio', api: cmsRouter(store), before: [apiVersion()] }),
    dms: createSimulatorApp({ ...common, name: 'dms', faults: faults.dms, style: 'dms', api: dmsRouter(store) }),
    billing: createSimulatorApp({ ...common, name: 'billing', faults: faults.billing, style: 'clio', api: billingRouter(store), before: [apiVersion()] }),
  };

  const started: Listening[] = [];
  const closeAll = async () => {
    await Promise.all(started.map((server) => server.close()));
  };
  try {
    for (const system of ['cms', 'dms', 'billing'] as const) started.push(await listen(apps[system], host, options.ports[system]));
  } catch (error) {
    await closeAll();
    throw error;
  }
  const [cms, dms, billing] = started as [Listening, Listening, Listening];
  logger.debug({ cms: cms.url, dms: dms.url, billing: billing.url }, 'legacy simulators listening');
  return {
    cms: { url: cms.url },
    dms: { url: dms.url },
    billing: { url: billing.url },
    firm,
    setFaults: (system, value) => faults[system].set(value),
    close: closeAll,
  };
}
