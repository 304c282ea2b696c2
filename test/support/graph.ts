import type { DataSource } from 'typeorm';
import type { Config, SubgraphName } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import type { RunningServer } from '../../shared/graphql/subgraph-server.js';
import { startMattersSubgraph } from '../../subgraphs/matters/server.js';
import { startDocumentsSubgraph } from '../../subgraphs/documents/server.js';
import { startBillingSubgraph } from '../../subgraphs/billing/server.js';
import { startNotificationsSubgraph } from '../../subgraphs/notifications/server.js';
import { startAuditSubgraph } from '../../subgraphs/audit/server.js';
import { startIngestSubgraph } from '../../subgraphs/ingest/server.js';
import { startIntakeSubgraph } from '../../subgraphs/intake/server.js';
import { startGateway } from '../../gateway/server.js';

export interface RunningGraph {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  close(): Promise<void>;
}

/** The six subgraphs and the gateway in this process, on free ports, over one database. */
export async function startGraph(deps: { config: Config; dataSource: DataSource; logger: Logger; isReady?: () => Promise<boolean> }): Promise<RunningGraph> {
  const options = { config: deps.config, dataSource: deps.dataSource, logger: deps.logger, port: 0 };
  const started: RunningServer[] = [];
  const closeAll = async () => {
    for (const server of started.reverse()) await server.close();
  };
  try {
    const results = await Promise.allSettled([
      startMattersSubgraph(options), startDocumentsSubgraph(options), startBillingSubgraph(options), startNotificationsSubgraph(options), startAuditSubgraph(options), startIngestSubgraph(options), startIntakeSubgraph(options),
    ]);
    for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
    const [matters, documents, billing, notifications, audit, ingest, intake] = results.map((result) => {
      if (result.status === 'rejected') throw result.reason;
      return result.value;
    }) as [RunningServer, RunningServer, RunningServer, RunningServer, RunningServer, RunningServer, RunningServer];
    const subgraphUrls = { matters: matters.url, documents: documents.url, billing: billing.url, notifications: notifications.url, audit: audit.url, ingest: ingest.url, intake: intake.url };
    const gateway = await startGateway({ ...options, subgraphUrls, ...(deps.isReady ? { isReady: deps.isReady } : {}) });
    started.push(gateway);
    return { gatewayUrl: gateway.url, subgraphUrls, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
