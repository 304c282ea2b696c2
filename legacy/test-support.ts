import { createLogger } from '../shared/logger.js';
import { generateFirm } from './firm/generate.js';
import type { FirmSize } from './firm/types.js';
import type { FaultOptions } from './http/faults.js';
import type { OAuthOptions } from './cms/oauth/server.js';
import { startSimulators, type CmsSimulatorOptions, type RunningSimulators } from './start.js';

export const TEST_TOKEN = 'test-token';
/** A fixed anchor day, so generated dates do not depend on when the tests run. */
export const TEST_ANCHOR = new Date('2025-03-10T00:00:00Z');

export interface SimulatorHarness {
  sims: RunningSimulators;
  /** fetch against a simulator with the bearer token (unless headers override it). */
  call(system: 'cms' | 'dms' | 'billing', path: string, init?: RequestInit): Promise<Response>;
  json<T>(system: 'cms' | 'dms' | 'billing', path: string, init?: RequestInit): Promise<T>;
}

export async function startTestSimulators(options: { size?: FirmSize; rateLimitPerMinute?: number; faults?: FaultOptions; seed?: number; cms?: CmsSimulatorOptions; oauth?: OAuthOptions } = {}): Promise<SimulatorHarness> {
  const sims = await startSimulators({
    firm: generateFirm({ seed: options.seed ?? 7, size: options.size ?? 'demo', now: TEST_ANCHOR }),
    token: TEST_TOKEN,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    ports: { cms: 0, dms: 0, billing: 0 },
    faults: options.faults,
    cms: options.cms,
    oauth: options.oauth,
    logger: createLogger('legacy-test', 'silent'),
  });
  const call = (system: 'cms' | 'dms' | 'billing', path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TEST_TOKEN}`);
    if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const url = path.startsWith('http') ? path : `${sims[system].url}${path}`;
    return fetch(url, { ...init, headers });
  };
  const json = async <T>(system: 'cms' | 'dms' | 'billing', path: string, init?: RequestInit): Promise<T> => {
    const response = await call(system, path, init);
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return { sims, call, json };
}
