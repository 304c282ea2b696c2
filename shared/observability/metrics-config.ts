import { z } from 'zod';

/**
 * Where a process serves GET /metrics (and /livez, /healthz for its operators): never on the API
 * port. Each kind of process has its own default port so that several run side by side on one
 * machine (npm start is one process and uses the gateway's); METRICS_PORT overrides it for the
 * process it is given to (0: any free port), METRICS=off serves nothing.
 */
export const METRICS_PORTS = {
  gateway: 9464, matters: 9465, documents: 9466, billing: 9467, notifications: 9468,
  audit: 9469, ingest: 9470, intake: 9471, worker: 9472, chatbot: 9473,
} as const;

export type MetricsProcess = keyof typeof METRICS_PORTS;

/** Spread into every process's environment schema (shared/config-env.ts, chatbot/config.ts). */
export const metricsEnvSchema = {
  METRICS: z.enum(['on', 'off']).default('on'),
  /** Loopback by default: the metrics say what the firm's systems are doing. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
};

export interface MetricsConfig {
  enabled: boolean;
  host: string;
  /** Unset: the process kind's default (METRICS_PORTS). */
  port: number | undefined;
}

export function metricsConfig(e: { METRICS: 'on' | 'off'; METRICS_HOST: string; METRICS_PORT?: number | undefined }): MetricsConfig {
  return { enabled: e.METRICS === 'on', host: e.METRICS_HOST, port: e.METRICS_PORT };
}

export const metricsPortOf = (config: MetricsConfig, process: MetricsProcess): number => config.port ?? METRICS_PORTS[process];

/** For a process that reads no Config (the chatbot): the METRICS* variables alone, checked. */
export function loadMetricsConfig(env: NodeJS.ProcessEnv = process.env): MetricsConfig {
  const parsed = z.object(metricsEnvSchema).safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid metrics configuration in the environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return metricsConfig(parsed.data);
}
