import type { EntityManager } from 'typeorm';
import type { z } from 'zod';

/** How a webhook delivery of one legacy model reaches the read model: the polling resource, its schema and its write function. */
export interface WebhookModel {
  /** The polling resource the model feeds (quarantine items are shared with polling under this name). */
  resource: string;
  /** The `fields` a subscription asks for: exactly what the schema needs. */
  fields: string;
  schema: z.ZodType<unknown>;
  write(manager: EntityManager, records: readonly unknown[]): Promise<void>;
}
