import { z } from 'zod';
import type { DmsDocument } from '../firm/types.js';

export const metadataSchema = z
  .object({
    name: z.string().trim().min(1).max(500),
    matterNumber: z.string().trim().min(1).max(100),
    docType: z.string().trim().min(1).max(200),
    attributes: z.record(z.string(), z.string().max(1000)).default({}),
    tags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  })
  .strict();

export const patchSchema = z
  .object({
    name: z.string().trim().min(1).max(500),
    matterNumber: z.string().trim().min(1).max(100),
    docType: z.string().trim().min(1).max(200),
    attributes: z.record(z.string(), z.string().max(1000)),
    tags: z.array(z.string().trim().min(1).max(100)).max(50),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one of name, matterNumber, docType, attributes, tags');

export function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'metadata'}: ${i.message}`).join('; ');
}

/** A document's profile as the DMS shows it (never its bytes). */
export function renderDocument(doc: DmsDocument) {
  return {
    id: doc.id,
    name: doc.name,
    matterNumber: doc.matterNumber,
    docType: doc.docType,
    attributes: doc.attributes,
    tags: doc.tags,
    version: doc.version,
    created: doc.created,
    modified: doc.modified,
    size: doc.size,
    contentType: doc.contentType,
  };
}
