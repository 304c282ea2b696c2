import type { EntityManager } from 'typeorm';
import type { z } from 'zod';

/**
 * How a webhook delivery of one legacy model reaches the read model. A delivery is only a notice that
 * the record changed: the record itself is read from the legacy system (`path`/`fields`, validated
 * by `schema`) and written by the polling resource's own write function, or removed when the system
 * answers that it no longer exists.
 */
export interface WebhookModel {
  /** The polling resource the model feeds (quarantine items are shared with polling under this name). */
  resource: string;
  /** The resource's listing path; one record is at the same path with `/<id>.json`. */
  path: string;
  /** The `fields` a subscription and a read ask for: exactly what the schema needs. */
  fields: string;
  schema: z.ZodType<unknown>;
  write(manager: EntityManager, records: readonly unknown[]): Promise<void>;
  /** Removes records the legacy system confirmed deleted; returns how many went. */
  remove(manager: EntityManager, ids: readonly string[]): Promise<number>;
}
