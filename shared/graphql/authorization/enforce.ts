import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  GraphQLObjectType, defaultFieldResolver, isListType, isNonNullType, isObjectType,
  type GraphQLFieldResolver, type GraphQLOutputType, type GraphQLResolveInfo, type GraphQLSchema,
} from 'graphql';
import type { Principal } from '../../auth/principal.js';
import { forbidden, notFound } from '../../errors.js';
import { RequestAuthorization, ruleSet, then, type AuthorizationPolicy, type MaybePromise, type RuleSet } from './policy.js';
import { entityTypeNames, isPlumbing, needsSubject, rulesOn, type Rule } from './rules.js';
import { assertVocabulary } from './vocabulary.js';

type Args = Record<string, unknown>;
type Keeper<C extends { principal: Principal }> = (value: unknown, request: RequestAuthorization<C>) => MaybePromise<unknown>;
type ReferenceResolver = (reference: object, context: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * Enforces the SDL's access directives inside the subgraph, on the schema itself, so every way in
 * goes through them: each field (root or nested) checks its type's rule and its own before it
 * resolves, and keeps out of its result every object the caller may not see; each entity type's
 * reference resolver — what `_entities` calls — answers null for an object the caller may not see,
 * exactly as for one that does not exist. A field declared nowhere is refused.
 */
export function enforceAuthorization<C extends { principal: Principal }>(
  schema: GraphQLSchema, policy: AuthorizationPolicy<C>, where = 'the subgraph SDL',
): GraphQLSchema {
  assertVocabulary(schema, where);
  const typeRules = new Map<string, RuleSet>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isPlumbing(type.name)) continue;
    const rules = rulesOn(schema, type);
    assertSubjects(policy, type.name, rules);
    typeRules.set(type.name, ruleSet(type.name, type.name, rules));
  }
  const entityTypes = new Set(entityTypeNames(schema));
  const requests = new WeakMap<object, RequestAuthorization<C>>();
  const requestOf = (context: C) => {
    let request = requests.get(context);
    if (!request) requests.set(context, request = new RequestAuthorization(policy, context));
    return request;
  };

  /**
   * For a field's type, what takes out of its value every object the caller may not see (null, or
   * left out of a list); null when the type holds no object with a rule. Built once per field.
   */
  const keeperOf = (type: GraphQLOutputType): Keeper<C> | null => {
    if (isNonNullType(type)) {
      const inner = keeperOf(type.ofType);
      return inner && ((value, request) => then(inner(value, request), (kept) => {
        if (kept === null && value !== null && value !== undefined) throw notFound();
        return kept;
      }));
    }
    if (isListType(type)) {
      const item = keeperOf(isNonNullType(type.ofType) ? type.ofType.ofType : type.ofType);
      return item && ((value, request) => {
        if (value === null || value === undefined) return value;
        const items = Array.from(value as Iterable<unknown>);
        const kept = items.map((one) => then(one, (resolved) => item(resolved, request)));
        const dropDenied = (all: unknown[]) => all.filter((one, i) => one !== null || items[i] === null);
        return kept.some((k) => k instanceof Promise) ? Promise.all(kept).then(dropDenied) : dropDenied(kept);
      });
    }
    const set = isObjectType(type) ? typeRules.get(type.name) : undefined;
    if (!set?.rules.length) return null;
    return (value, request) => {
      if (value === null || value === undefined) return value;
      return then(request.decide(set, value), (visible) => (visible ? value : null));
    };
  };

  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      if (isPlumbing(typeName, fieldName)) return field;
      const coordinate = `${typeName}.${fieldName}`;
      const ownRules = rulesOn(schema, field);
      assertSubjects(policy, typeName, ownRules);
      const own = ruleSet(coordinate, typeName, ownRules);
      const ofType = typeRules.get(typeName) ?? ruleSet(typeName, typeName, []);
      const declared = own.rules.length + ofType.rules.length > 0;
      const keeper = keeperOf(field.type);
      const resolve: GraphQLFieldResolver<unknown, C> = field.resolve ?? defaultFieldResolver;

      // Written for the common case — the object and the field already decided, synchronously —
      // to cost no more than a few lookups per field.
      const resolveVisible = (request: RequestAuthorization<C>, parent: unknown, args: Args, context: C, info: GraphQLResolveInfo) => {
        const value = resolve(parent, args, context, info);
        return keeper ? then(value, (resolved) => keeper(resolved, request)) : value;
      };
      const resolveAllowed = (request: RequestAuthorization<C>, parent: unknown, args: Args, context: C, info: GraphQLResolveInfo): unknown => {
        const allowed = request.decide(own, parent);
        if (allowed === true) return resolveVisible(request, parent, args, context, info);
        return then(allowed, (yes) => {
          if (!yes) throw forbidden(`You may not read ${coordinate}.`);
          return resolveVisible(request, parent, args, context, info);
        });
      };
      const guarded: GraphQLFieldResolver<unknown, C> = (parent, args, context, info) => {
        if (!declared) throw forbidden(`${coordinate} declares no access rule, so nobody may read it.`);
        const request = requestOf(context);
        const visible = request.decide(ofType, parent);
        if (visible === true) return resolveAllowed(request, parent, args, context, info);
        return then(visible, (yes) => {
          if (!yes) throw notFound();
          return resolveAllowed(request, parent, args, context, info);
        });
      };
      return { ...field, resolve: guarded };
    },
    [MapperKind.OBJECT_TYPE]: (type) => {
      if (!entityTypes.has(type.name)) return type;
      const set = typeRules.get(type.name);
      const original = referenceResolverOf(type);
      const resolveReference = (reference: object, context: C, info: GraphQLResolveInfo) =>
        then(original ? original(reference, context, info) : reference, (entity) => {
          if (entity === null || entity === undefined || !set?.rules.length) return null;
          return then(requestOf(context).decide(set, entity), (visible) => (visible ? entity : null));
        });
      const config = type.toConfig();
      const apollo = objectOrEmpty(config.extensions['apollo']);
      return new GraphQLObjectType({
        ...config,
        extensions: { ...config.extensions, apollo: { ...apollo, subgraph: { ...objectOrEmpty(apollo['subgraph']), resolveReference } } },
      });
    },
  });
}

function assertSubjects<C extends { principal: Principal }>(policy: AuthorizationPolicy<C>, typeName: string, rules: readonly Rule[]): void {
  for (const rule of rules.filter(needsSubject)) {
    const wanted = rule.kind === 'matterAccess' ? 'matter' : 'client';
    if (!policy.subjects[typeName]?.[wanted]) {
      throw new Error(`${typeName} has @${rule.kind}: its subgraph's authorization policy must say what its objects' ${wanted} is (subjects.${typeName}.${wanted}).`);
    }
  }
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? { ...value } : {};
}

/** The `__resolveReference` @apollo/subgraph keeps in the type's extensions, if any. */
function referenceResolverOf(type: GraphQLObjectType): ReferenceResolver | undefined {
  const subgraph = objectOrEmpty(objectOrEmpty(type.extensions['apollo'])['subgraph']);
  const resolver = subgraph['resolveReference'];
  return typeof resolver === 'function' ? (resolver as ReferenceResolver) : undefined;
}
