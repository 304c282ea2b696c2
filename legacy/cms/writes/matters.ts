import { z } from 'zod';
import { unprocessable } from '../../http/errors.js';
import type { CustomFieldValue, Matter } from '../../firm/types.js';
import type { Store } from '../../store/store.js';
import type { CmsResources } from '../resources.js';
import { dateSchema, refSchema, resolveRef, stamp } from '../../http/clio/validate.js';
import type { Writable } from './common.js';

const customFieldValueInput = z.object({
  id: z.string().optional(),
  custom_field: refSchema,
  value: z.union([z.string(), z.number(), z.null()]),
});

const matterFields = {
  client: refSchema,
  display_number: z.string().trim().min(1).max(100),
  description: z.string().max(5000).nullable(),
  status: z.enum(['Open', 'Pending', 'Closed']),
  billable: z.boolean(),
  practice_area: refSchema.nullable(),
  responsible_attorney: refSchema.nullable(),
  open_date: dateSchema.nullable(),
  pending_date: dateSchema.nullable(),
  close_date: dateSchema.nullable(),
  custom_field_values: z.array(customFieldValueInput),
};

const createSchema = z.object(matterFields).partial().required({ client: true }).strict();
const updateSchema = z.object(matterFields).partial().strict();
type MatterInput = z.infer<typeof updateSchema>;

/** Checks custom field values (picklists take an existing, undeleted option id) and merges them. */
export function mergeCustomFieldValues(store: Store, existing: CustomFieldValue[], input: z.infer<typeof customFieldValueInput>[], now: string): CustomFieldValue[] {
  const result = existing.map((v) => ({ ...v }));
  for (const item of input) {
    const field = store.customFields.get(item.custom_field.id);
    if (!field) throw unprocessable(`Validation failed: custom_field.id ${item.custom_field.id} does not exist`);
    let value = item.value;
    if (field.field_type === 'picklist' && value !== null) {
      const optionId = Number(value);
      const option = field.picklist_options.find((o) => o.id === optionId && o.deleted_at === null);
      if (!option) throw unprocessable(`Validation failed: ${value} is not a picklist option of custom field ${field.name}`);
      value = optionId;
    }
    const current = result.find((v) => v.custom_field.id === field.id);
    if (current) Object.assign(current, { value, updated_at: now, etag: stamp('cfv', field.id).etag });
    else {
      const id = store.nextCustomFieldValueId(field.field_type);
      result.push({ id, etag: stamp('cfv', field.id).etag, created_at: now, updated_at: now, custom_field: { id: field.id }, value });
    }
  }
  return result;
}

function changes(store: Store, row: Matter | null, data: MatterInput): Partial<Matter> {
  const now = new Date().toISOString();
  const out: Partial<Matter> = {};
  const client = resolveRef(store.contacts, data.client, 'client');
  if (client) out.client = client;
  const area = resolveRef(store.practiceAreas, data.practice_area, 'practice_area');
  if (area !== undefined) out.practice_area = area;
  const attorney = resolveRef(store.users, data.responsible_attorney, 'responsible_attorney');
  if (attorney !== undefined) out.responsible_attorney = attorney;
  for (const key of ['display_number', 'description', 'status', 'billable', 'open_date', 'pending_date', 'close_date'] as const) {
    if (data[key] !== undefined) Object.assign(out, { [key]: data[key] });
  }
  if (data.custom_field_values) out.custom_field_values = mergeCustomFieldValues(store, row?.custom_field_values ?? [], data.custom_field_values, now);
  const closeDate = out.close_date ?? row?.close_date ?? null;
  const openDate = out.open_date ?? row?.open_date ?? null;
  if (closeDate && openDate && closeDate < openDate) throw unprocessable('Validation failed: close_date is before open_date');
  return out;
}

export function matterWrites(store: Store, resources: CmsResources): Writable<Matter, z.infer<typeof createSchema>, MatterInput> {
  return {
    path: 'matters',
    table: store.matters,
    resource: resources.matters,
    createSchema,
    updateSchema,
    create(data, id) {
      const fields = changes(store, null, data);
      const client = store.contacts.get(fields.client?.id ?? -1);
      const number = store.matters.all().reduce((max, m) => Math.max(max, m.number), 0) + 1;
      const created = stamp('matters', id);
      return {
        id,
        etag: created.etag,
        created_at: created.updated_at,
        updated_at: created.updated_at,
        number,
        display_number: `${String(number).padStart(5, '0')}-${client?.last_name ?? client?.name.split(/\s+/)[0] ?? 'Client'}`,
        description: null,
        status: 'Open',
        billable: true,
        client: { id: fields.client?.id ?? -1 },
        practice_area: null,
        responsible_attorney: null,
        open_date: created.updated_at.slice(0, 10),
        pending_date: null,
        close_date: null,
        custom_field_values: [],
        ...fields,
      };
    },
    update: (row, data) => changes(store, row, data),
  };
}
