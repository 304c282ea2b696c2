import type { z } from 'zod';
import { LegacyHttpClient, clioIds, clioPages, type LegacyHttpClientOptions, type LegacyPage } from '../../../shared/legacy-http/index.js';
import { CMS_RESOURCES, type CmsRecord, type CmsResourceName } from './cms-schemas.js';

/** Each resource's schema, typed by resource (an indexed mapped type keeps `list` generic without casts). */
const SCHEMAS: { [R in CmsResourceName]: z.ZodType<CmsRecord<R>> } = {
  custom_fields: CMS_RESOURCES.custom_fields.schema,
  users: CMS_RESOURCES.users.schema,
  contacts: CMS_RESOURCES.contacts.schema,
  matters: CMS_RESOURCES.matters.schema,
  calendar_entries: CMS_RESOURCES.calendar_entries.schema,
  tasks: CMS_RESOURCES.tasks.schema,
};

/** Clio allows at most 200 records a page. */
const PAGE_SIZE = 200;

/** The CMS adapter: typed, validated reads of the Clio Manage v4 resources the matters context keeps. */
export class CmsClient {
  readonly http: LegacyHttpClient;

  constructor(options: Omit<LegacyHttpClientOptions, 'system'>, private readonly pageSize = PAGE_SIZE) {
    this.http = new LegacyHttpClient({ ...options, system: 'cms' });
  }

  /** Pages of the records changed since `updatedSince` (all of them without it), in id order, to the end. */
  list<R extends CmsResourceName>(resource: R, options: { updatedSince?: Date } = {}): AsyncGenerator<LegacyPage<CmsRecord<R>>> {
    const { path, fields } = CMS_RESOURCES[resource];
    return clioPages(this.http, path, { fields, limit: this.pageSize, updatedSince: options.updatedSince }, SCHEMAS[resource]);
  }

  /** Every id the CMS still has for the resource; throws unless the listing completed. */
  listIds(resource: CmsResourceName): Promise<string[]> {
    return clioIds(this.http, CMS_RESOURCES[resource].path, this.pageSize);
  }
}
