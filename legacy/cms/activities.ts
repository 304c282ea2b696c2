import type { FieldSpec } from '../http/clio/fields.js';
import type { JsonObject } from '../http/clio/json.js';
import type { Activity } from '../firm/types.js';
import type { Store } from '../store/store.js';
import { MATTER_BASE_FIELDS, renderMatterBase } from './render.js';

export const ACTIVITY_SPEC: FieldSpec = {
  scalars: ['id', 'etag', 'type', 'date', 'quantity', 'note', 'created_at', 'updated_at'],
  nested: { matter: MATTER_BASE_FIELDS },
};

/** Clio 4.0.4 changed `quantity` from hours to seconds (changelog: "Update quantity field …"). */
export const SECONDS_SINCE_PATCH = 4;

export function activityQuantity(activity: Activity, version: number): number {
  return version >= SECONDS_SINCE_PATCH ? activity.quantity_seconds : activity.quantity_seconds / 3600;
}

export function activityRenderer(store: Store) {
  return (a: Activity, version: number): JsonObject => {
    const matter = store.matters.get(a.matter.id);
    return {
      id: a.id,
      etag: a.etag,
      type: a.type,
      date: a.date,
      quantity: activityQuantity(a, version),
      note: a.note,
      created_at: a.created_at,
      updated_at: a.updated_at,
      matter: matter ? renderMatterBase(matter) : { id: a.matter.id },
    };
  };
}
