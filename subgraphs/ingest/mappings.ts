import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../shared/auth/principal.js';
import { badUserInput, forbidden } from '../../shared/errors.js';
import { canonicalValuesOf, graphqlNameOfKind, isCanonical, kindOfGraphqlName, mappingKindNames, type MappingKind } from './sync/mapping-kinds.js';
import { addMapping, normalizeRawValue, type AddedMapping } from './sync/mappings.js';
import { countWaiting } from './sync/quarantine.js';

export const mappingKindName = graphqlNameOfKind;

const MAX_RAW_LENGTH = 200;


const addInput = () => z.object({
  kind: z.string().refine((kind) => mappingKindNames().includes(kind), 'kind is not a mapping kind'),
  rawValue: z.string().trim().min(1, 'rawValue is empty').max(MAX_RAW_LENGTH, `rawValue is longer than ${MAX_RAW_LENGTH} characters`)
    .refine((raw) => normalizeRawValue(raw).length > 0, 'rawValue has no letters or digits'),
  canonical: z.string().trim(),
});

export interface AddValueMappingArgs {
  kind: string;
  rawValue: string;
  canonical: string;
}

/** Staff read value mappings, admins add them; the schema's @hasRole says so, this checks again. */
export function createMappingLoaders(dataSource: DataSource, principal: Principal) {
  const staffOnly = () => {
    if (principal.role !== 'STAFF' && principal.role !== 'ADMIN') throw forbidden('Only staff can see and change value mappings.');
  };
  return {
    /** The current mapping (the highest version of each raw value), of one kind or all. */
    async current(kindName: string | null | undefined): Promise<AddedMapping[]> {
      staffOnly();
      const kind = kindName ? kindOfGraphqlName(kindName) : undefined;
      const rows: Array<{ id: string; kind: MappingKind; raw_value: string; canonical: string; version: number; created_by: string; created_at: Date }> = await dataSource.query(
        `SELECT DISTINCT ON (kind, raw_value) id, kind, raw_value, canonical, version, created_by, created_at
           FROM sync.value_mappings WHERE ($1::text IS NULL OR kind = $1) ORDER BY kind, raw_value, version DESC`,
        [kind ?? null],
      );
      return rows.map((r) => ({ id: String(r.id), kind: r.kind, rawValue: r.raw_value, canonical: r.canonical, version: r.version, createdBy: r.created_by, createdAt: r.created_at }));
    },

    /** A new version of the raw value's mapping; the worker then re-processes the items waiting for it. */
    async add(args: AddValueMappingArgs): Promise<{ mapping: AddedMapping; waiting: number }> {
      if (principal.role !== 'ADMIN') throw forbidden('Only admins can change value mappings: a mapping changes what the whole firm\'s records mean.');
      const parsed = addInput().safeParse({ ...args, kind: kindOfGraphqlName(args.kind) });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw badUserInput(`${issue.message}: give the value as the legacy system spells it, 1 to ${MAX_RAW_LENGTH} characters.`, String(issue.path[0] ?? 'rawValue'));
      }
      const { kind, rawValue, canonical } = parsed.data;
      if (!isCanonical(kind, canonical)) {
        throw badUserInput(`canonical "${canonical}" is not a ${mappingKindName(kind)} value; use one of: ${canonicalValuesOf(kind).join(', ')}.`, 'canonical');
      }
      return dataSource.transaction(async (manager) => {
        const mapping = await addMapping(manager, { kind, rawValue, canonical, createdBy: principal.email });
        return { mapping, waiting: await countWaiting(manager, kind, rawValue) };
      });
    },
  };
}

export type MappingLoaders = ReturnType<typeof createMappingLoaders>;
