import { DEFAULT_SIM_TOKEN, loadSimulatorConfig } from './config.js';

describe('loadSimulatorConfig', () => {
  it('has documented defaults', () => {
    expect(loadSimulatorConfig({})).toEqual({
      token: DEFAULT_SIM_TOKEN,
      rateLimitPerMinute: 600,
      seed: 1,
      size: 'demo',
      host: '127.0.0.1',
      ports: { cms: 4101, dms: 4102, billing: 4103 },
      faults: { latencyMs: 0, errorRate: 0, timeoutRate: 0, throttleRate: 0, webhookDropRate: 0 },
      cms: { apiVersion: '4.0.9', retiredThrough: '4.0.2', webhookRetryBaseMs: 1000, webhookMaxAttempts: 5, webhookTimeoutMs: 5000 },
      oauth: { apps: [] },
    });
  });

  it('reads values and names the variable that is wrong', () => {
    const config = loadSimulatorConfig({ SIM_FIRM_SIZE: '100:1000:300', CMS_SIM_PORT: '0', SIM_ERROR_RATE: '0.25', SIM_SEED: '9' });
    expect(config).toMatchObject({ size: { matters: 100, documents: 1000, bills: 300 }, seed: 9, ports: { cms: 0 }, faults: { errorRate: 0.25 } });
    expect(() => loadSimulatorConfig({ SIM_ERROR_RATE: '5' })).toThrow(/SIM_ERROR_RATE: SIM_ERROR_RATE must be a number from 0 to 1/);
    expect(() => loadSimulatorConfig({ DMS_SIM_PORT: '70000' })).toThrow(/DMS_SIM_PORT/);
    expect(() => loadSimulatorConfig({ SIM_FIRM_SIZE: 'huge' })).toThrow(/SIM_FIRM_SIZE/);
    expect(loadSimulatorConfig({ SIM_CMS_API_VERSION: '4.0.3', SIM_WEBHOOK_RETRY_BASE_MS: '20', SIM_WEBHOOK_DROP_RATE: '0.5' })).toMatchObject({ cms: { apiVersion: '4.0.3', webhookRetryBaseMs: 20 }, faults: { webhookDropRate: 0.5 } });
    expect(() => loadSimulatorConfig({ SIM_CMS_API_VERSION: '4.0.2' })).toThrow(/SIM_CMS_API_VERSION.*retired/);
    expect(() => loadSimulatorConfig({ SIM_CMS_API_VERSION: '5.1.0' })).toThrow(/SIM_CMS_API_VERSION.*not a known/);
  });
});
