import { Router } from 'express';
import { z } from 'zod';
import type { DriftState } from '../http/clio/drift.js';
import type { FieldSpec } from '../http/clio/fields.js';
import type { VersionState } from '../http/clio/version.js';
import { badRequest } from '../http/errors.js';
import type { Store } from '../store/store.js';
import { addPicklistOption } from './drift.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';

const version = z.string().trim().regex(/^\d+\.\d+\.\d+$/, 'expected a version such as 4.0.9');
const versionSchema = z.object({ version, retiredThrough: version }).partial().strict();
const driftSchema = z
  .object({
    reset: z.literal(true),
    removeField: z.object({ resource: z.string().min(1), field: z.string().min(1) }).strict(),
    addPicklistOption: z
      .object({ customFieldId: z.number().int().positive(), option: z.string().trim().min(1).max(200), assignToMatterId: z.number().int().positive().optional() })
      .strict(),
  })
  .partial()
  .strict();

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw badRequest(`Invalid ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
}

export interface ClioSimOptions {
  versions: VersionState;
  drift: DriftState;
  /** Resources by path (at the default version), for `removeField`. */
  specs(): Readonly<Record<string, FieldSpec>>;
  store: Store;
  dispatcher?: WebhookDispatcher;
}

/**
 * Test controls of the Clio-style simulators (under `/_sim`, bearer token needed):
 * `/version` (default version, retirement line), `/drift` (schema drift),
 * `/webhook_deliveries` (what happened to recent deliveries).
 */
export function clioSimRouter(options: ClioSimOptions): Router {
  const { versions, drift } = options;
  const router = Router();
  router.get('/version', (_req, res) => {
    res.json(versions.get());
  });
  router.put('/version', (req, res) => {
    const changes = parse(versionSchema, req.body, 'version');
    try {
      versions.set(changes);
    } catch (error) {
      throw badRequest(`Invalid version: ${(error as Error).message}`);
    }
    res.json(versions.get());
  });

  router.get('/drift', (_req, res) => {
    res.json({ removedFields: drift.describe() });
  });
  router.put('/drift', (req, res) => {
    const body = parse(driftSchema, req.body, 'drift');
    if (body.reset) drift.reset();
    if (body.removeField) {
      try {
        drift.removeField(body.removeField.resource, body.removeField.field, options.specs());
      } catch (error) {
        throw badRequest(`Invalid drift: ${(error as Error).message}`);
      }
    }
    const added = body.addPicklistOption ? addPicklistOption(options.store, body.addPicklistOption) : undefined;
    res.json({
      removedFields: drift.describe(),
      ...(added ? { picklistOption: { id: added.option.id, option: added.option.option, custom_field_id: body.addPicklistOption?.customFieldId, assigned_to_matter_id: added.matterId } } : {}),
    });
  });

  if (options.dispatcher) {
    const dispatcher = options.dispatcher;
    router.get('/webhook_deliveries', (_req, res) => {
      res.json({ data: dispatcher.deliveries() });
    });
  }
  return router;
}
