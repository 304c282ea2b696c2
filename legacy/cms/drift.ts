import { stamp } from '../http/clio/validate.js';
import { badRequest } from '../http/errors.js';
import type { PicklistOption } from '../firm/types.js';
import type { Store } from '../store/store.js';
import { mergeCustomFieldValues } from './writes/matters.js';

export interface AddPicklistOption {
  customFieldId: number;
  option: string;
  /** Also set the new option as this matter's value of the field. */
  assignToMatterId?: number;
}

/**
 * Drift: the firm adds a picklist option the consumer has never seen (e.g. a new case status),
 * optionally already in use on a matter. Both are ordinary store writes, so webhooks fire.
 */
export function addPicklistOption(store: Store, input: AddPicklistOption): { option: PicklistOption; matterId: number | null } {
  const field = store.customFields.get(input.customFieldId);
  if (!field) throw badRequest(`No custom field with id ${input.customFieldId}`);
  if (field.field_type !== 'picklist') throw badRequest(`Custom field ${field.name} is a ${field.field_type}, not a picklist`);
  if (field.picklist_options.some((o) => o.deleted_at === null && o.option.toLowerCase() === input.option.toLowerCase())) {
    throw badRequest(`Custom field ${field.name} already has the option "${input.option}"`);
  }
  const matter = input.assignToMatterId === undefined ? undefined : store.matters.get(input.assignToMatterId);
  if (input.assignToMatterId !== undefined && !matter) throw badRequest(`No matter with id ${input.assignToMatterId}`);

  const id = store.customFields.all().reduce((max, f) => Math.max(max, ...f.picklist_options.map((o) => o.id)), 0) + 1;
  const created = stamp('picklist_option', id);
  const option: PicklistOption = { id, etag: created.etag, created_at: created.updated_at, updated_at: created.updated_at, option: input.option, deleted_at: null };
  store.customFields.update(field.id, { picklist_options: [...field.picklist_options, option], ...stamp('custom_fields', field.id) });
  if (matter) {
    const now = new Date().toISOString();
    const values = mergeCustomFieldValues(store, matter.custom_field_values, [{ custom_field: { id: field.id }, value: option.id }], now);
    store.matters.update(matter.id, { custom_field_values: values, ...stamp('matters', matter.id) });
  }
  return { option, matterId: matter?.id ?? null };
}
