import type { LegacyHttpClient, LegacyHttpClientOptions, LegacySystemName } from '../../shared/legacy-http/index.js';
import type { ContextModule } from '../../shared/module.js';
import { runSync, type ResourceSync, type SyncContext } from './sync/runner.js';
import type { SyncOutcome } from './sync/definition.js';
import type { Reprocessor } from './sync/reprocess.js';
import type { WebhookModel } from './webhooks/model.js';

/** A legacy system's client and sync, connected (one per worker). */
export interface ConnectedSystem {
  http: LegacyHttpClient;
  /** One sync of every resource of the system, in order; throws SyncFailedError when any failed. */
  sync(ctx: SyncContext): Promise<SyncOutcome[]>;
}

/** How a context keeps its legacy system in the read model, as its module declares it. */
export interface LegacySystemSync {
  system: LegacySystemName;
  /** The resources the sync runs, in order: each must finish its first import before the system counts as imported. */
  resources: readonly string[];
  connect(options: Omit<LegacyHttpClientOptions, 'system'>, pageSize: number): ConnectedSystem;
  /** The context's write path for its quarantined records, re-run once a mapping makes them whole. */
  reprocessors?: readonly Reprocessor[];
  /** The webhook models the system delivers for this context, by the legacy model name. */
  webhookModels?: Readonly<Record<string, WebhookModel>>;
}

/** A context module as the processes assemble them: the legacy side is ingest's. */
export type Module = ContextModule<LegacySystemSync>;

/** Seals a context's client type into its sync, so systems of different clients fit in one list. */
export function defineLegacySystem<C extends { http: LegacyHttpClient }>(spec: {
  system: LegacySystemName;
  resources: readonly string[];
  createClient(options: Omit<LegacyHttpClientOptions, 'system'>, pageSize: number): C;
  /** The resource syncs, in `resources`' order. */
  syncs(client: C): ResourceSync[];
  reprocessors?: readonly Reprocessor[];
  webhookModels?: Readonly<Record<string, WebhookModel>>;
}): LegacySystemSync {
  return {
    system: spec.system,
    resources: spec.resources,
    reprocessors: spec.reprocessors,
    webhookModels: spec.webhookModels,
    connect(options, pageSize) {
      const client = spec.createClient(options, pageSize);
      const syncs = spec.syncs(client);
      const names = syncs.map((s) => s.resource);
      if (names.join() !== spec.resources.join()) {
        throw new Error(`The ${spec.system} module declares resources [${spec.resources.join(', ')}] but syncs [${names.join(', ')}]: make its \`resources\` list the syncs, in order.`);
      }
      return { http: client.http, sync: (ctx) => runSync(ctx, syncs) };
    },
  };
}
