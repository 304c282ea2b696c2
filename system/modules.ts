/**
 * Every bounded context, in one list: the processes (system/start-system.ts, system/processes/*.ts, the worker) assemble
 * these modules and nothing else of the contexts. See docs/architecture.md.
 */
import { SHARED_CATALOG } from '../shared/db/catalog.js';
import { databaseCatalog, type MappingKindSpec } from '../shared/module.js';
import type { LegacySystemName } from '../shared/legacy-http/index.js';
import { configureIngest, type LegacySystemSync, type Module, type Reprocessor } from '../subgraphs/ingest/index.js';
import { ingestModule } from '../subgraphs/ingest/module.js';
import { configureDocumentFacts, mattersModule } from '../subgraphs/matters/module.js';
import { documentsModule, findDocumentsOfMatters } from '../subgraphs/documents/module.js';
import { billingModule } from '../subgraphs/billing/module.js';
import { clientLanguagesOf, notificationsModule } from '../subgraphs/notifications/module.js';
import { configureClientLanguages } from '../shared/mail/index.js';
import { auditModule } from '../subgraphs/audit/module.js';
import { intakeModule } from '../subgraphs/intake/module.js';

export const MODULES: readonly Module[] = [ingestModule, mattersModule, documentsModule, billingModule, notificationsModule, auditModule, intakeModule];

/** The entities and migrations every process opens the shared database with. */
export const DATABASE = databaseCatalog(SHARED_CATALOG, MODULES);

/** Each legacy system's sync, as the context that owns it declares it. */
export const LEGACY_SYSTEMS: readonly LegacySystemSync[] = MODULES.flatMap((m) => (m.legacy ? [m.legacy] : []));

/** Each context's write path for its quarantined records, re-run once a mapping makes them whole. */
export const QUARANTINE_REPROCESSORS: readonly Reprocessor[] = LEGACY_SYSTEMS.flatMap((l) => l.reprocessors ?? []);

const resources: Partial<Record<LegacySystemName, readonly string[]>> = {};
for (const legacy of LEGACY_SYSTEMS) resources[legacy.system] = legacy.resources;
const mappingKinds: Record<string, MappingKindSpec> = {};
for (const module of MODULES) Object.assign(mappingKinds, module.mappingKinds);

// Ingest serves the other contexts without importing them: it is told their resources and mapping kinds here, once per process.
configureIngest({ resources, mappingKinds });
// The rules (matters) read deposition transcripts through the documents context's published query, handed over here:
// the documents context depends on matters for who may see a matter, so matters may not import it back.
configureDocumentFacts(findDocumentsOfMatters);
// Mail written to a client outside the notifications context (invitations, sign-in links) follows the language of
// their notification preferences, read through that context's published query.
configureClientLanguages(clientLanguagesOf);
