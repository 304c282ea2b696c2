import type { UpsertSpec } from '../../ingest/index.js';

/** The matters context's read-model tables as the upserts write them (column order = rows.ts). */
const col = (name: string, cast?: string) => ({ name, cast });

export const PICKLIST_OPTIONS: UpsertSpec = {
  table: 'matters.picklist_options',
  columns: [col('id'), col('custom_field_id'), col('field_name'), col('label'), col('deleted', 'boolean')],
  key: ['id'],
};

export const STAFF: UpsertSpec = {
  table: 'matters.staff',
  columns: [col('id'), col('name'), col('email'), col('legacy_role'), col('enabled', 'boolean'), col('legacy_updated_at', 'timestamptz')],
  key: ['id'],
  version: 'legacy_updated_at',
  syncedAt: true,
};

export const CLIENTS: UpsertSpec = {
  table: 'matters.clients',
  columns: [col('id'), col('name'), col('email'), col('kind'), col('legacy_updated_at', 'timestamptz')],
  key: ['id'],
  clientsOf: 'SELECT unnest($1::text[]) AS client_id',
  version: 'legacy_updated_at',
  syncedAt: true,
};

export const MATTERS: UpsertSpec = {
  table: 'matters.matters',
  columns: [
    col('id'), col('number'), col('title'), col('practice_area'), col('legacy_status'), col('legacy_case_status'), col('case_status'),
    col('client_id'), col('responsible_staff_id'), col('opened_on', 'date'), col('closed_on', 'date'), col('legacy_updated_at', 'timestamptz'),
  ],
  key: ['id'],
  clientsOf: 'SELECT client_id FROM matters.matters WHERE id = ANY($1::text[])',
  version: 'legacy_updated_at',
  syncedAt: true,
};

export const MATTER_EVENTS: UpsertSpec = {
  table: 'matters.matter_events',
  columns: [
    col('id'), col('matter_id'), col('kind'), col('title'), col('starts_at', 'timestamptz'), col('ends_at', 'timestamptz'),
    col('location'), col('legacy_type'), col('legacy_updated_at', 'timestamptz'),
  ],
  key: ['id'],
  clientsOf: 'SELECT m.client_id FROM matters.matter_events e JOIN matters.matters m ON m.id = e.matter_id WHERE e.id = ANY($1::text[])',
  version: 'legacy_updated_at',
  syncedAt: true,
};
