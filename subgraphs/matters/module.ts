import { defineLegacySystem, type Module } from '../ingest/index.js';
import { ClientRow, MatterEventRow, MatterRow, MatterUpdateRow, PicklistOptionRow, StaffRow, StageTransitionRow } from './entities/index.js';
import { startMattersSubgraph } from './server.js';
import { CmsClient } from './legacy/cms-client.js';
import { matterReprocessors, cmsSyncs } from './sync/cms-sync.js';
import { CMS_WEBHOOK_MODELS } from './sync/webhook-models.js';
import { CASE_STATUSES } from './case-statuses.js';
import { MATTER_EVENT_KINDS } from './entities/index.js';
import { rulesConsumer } from './rules/consumer.js';
import { SeedCalendarEventTypeMappings1796087453338 } from './migrations/1796087453338-SeedCalendarEventTypeMappings.js';
import { UpdateTranslations1796097130774 } from './migrations/1796097130774-UpdateTranslations.js';

/** For the demo logins, which link to CMS people by email. */
export { findPartyByEmail } from './published-queries.js';
export { RULES_CONSUMER } from './rules/consumer.js';
export { configureDocumentFacts } from './rules/document-facts.js';

/** The matters context: clients, matters, their events and stages, fed by the CMS; the rules run in the worker. */
export const mattersModule: Module = {
  name: 'matters',
  entities: [ClientRow, StaffRow, MatterRow, MatterEventRow, PicklistOptionRow, StageTransitionRow, MatterUpdateRow],
  migrations: [SeedCalendarEventTypeMappings1796087453338, UpdateTranslations1796097130774],
  startSubgraph: startMattersSubgraph,
  legacy: defineLegacySystem({
    system: 'cms',
    // A matter needs its picklist labels, staff and client first.
    resources: ['custom_fields', 'users', 'contacts', 'matters', 'calendar_entries', 'tasks'],
    createClient: (options, pageSize) => new CmsClient(options, pageSize),
    syncs: cmsSyncs,
    reprocessors: matterReprocessors,
    webhookModels: CMS_WEBHOOK_MODELS,
  }),
  mappingKinds: {
    case_status: { graphqlName: 'CASE_STATUS', canonical: CASE_STATUSES },
    calendar_event_type: { graphqlName: 'CALENDAR_EVENT_TYPE', canonical: MATTER_EVENT_KINDS },
  },
  worker: ({ dispatcher, dataSource, embedded, logger }) => {
    // The rules turn recorded events into stages and client updates, the first import's history included.
    const stop = dispatcher.add(rulesConsumer({ dataSource, pollMs: embedded ? 1000 : 5000, logger }));
    return { close: stop };
  },
};
