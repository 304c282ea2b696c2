import { getDirective } from '@graphql-tools/utils';
import { isObjectType, isUnionType, type GraphQLFieldConfig, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { ROLES, type Role } from '../../auth/Account.js';

/** One access directive, as read from the SDL (see vocabulary.ts for what each means). */
export type Rule =
  | { kind: 'signedIn' }
  | { kind: 'hasRole'; roles: readonly Role[] }
  | { kind: 'matterAccess' }
  | { kind: 'clientAccess' }
  | { kind: 'clientSelf' };

const KINDS = ['signedIn', 'hasRole', 'matterAccess', 'clientAccess', 'clientSelf'] as const;
const hasRoleArgs = z.object({ roles: z.array(z.enum(ROLES)).min(1) });

/** Federation's own plumbing, served to the gateway under the entity rules instead. */
const PLUMBING_TYPES: ReadonlySet<string> = new Set(['_Service']);
const PLUMBING_FIELDS: ReadonlySet<string> = new Set(['_service', '_entities']);

type Directable = GraphQLObjectType | GraphQLFieldConfig<unknown, unknown>;

/** The rules written on a type or a field, in SDL order of kinds; all of them must allow. */
export function rulesOn(schema: GraphQLSchema, element: Directable): Rule[] {
  return KINDS.flatMap((kind): Rule[] => (getDirective(schema, element, kind) ?? []).map((args) => {
    if (kind !== 'hasRole') return { kind };
    return { kind, roles: hasRoleArgs.parse(args).roles };
  }));
}

export const isPlumbing = (typeName: string, fieldName?: string) =>
  PLUMBING_TYPES.has(typeName) || typeName.startsWith('__') || (fieldName !== undefined && PLUMBING_FIELDS.has(fieldName));

/** Whether a rule needs to know what the object is about (its matter, its client). */
export const needsSubject = (rule: Rule) => rule.kind === 'matterAccess' || rule.kind === 'clientAccess' || rule.kind === 'clientSelf';

export interface Declaration {
  type: string;
  field?: string;
  problem: string;
}

/**
 * Everything that is denied by default because nobody declared who may read it: fields with no
 * rule of their own nor through their type, and entity types with no type rule (which decides
 * whether `_entities` resolves them).
 */
export function undeclared(schema: GraphQLSchema): Declaration[] {
  const entities = new Set(entityTypeNames(schema));
  const found: Declaration[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isPlumbing(type.name)) continue;
    const typeRules = rulesOn(schema, type);
    if (entities.has(type.name) && typeRules.length === 0) {
      found.push({ type: type.name, problem: 'entity type without a type-level rule: `_entities` resolves it for nobody' });
    }
    for (const [name, field] of Object.entries(type.toConfig().fields)) {
      if (isPlumbing(type.name, name) || typeRules.length > 0 || rulesOn(schema, field).length > 0) continue;
      found.push({ type: type.name, field: name, problem: 'no rule on the field nor on its type: refused to everyone' });
    }
  }
  return found;
}

/** The object types `_entities` can resolve. */
export function entityTypeNames(schema: GraphQLSchema): string[] {
  const union = schema.getType('_Entity');
  return isUnionType(union) ? union.getTypes().map((t) => t.name) : [];
}
