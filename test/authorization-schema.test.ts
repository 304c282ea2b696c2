/**
 * Every field of every subgraph says who may read it: a field nobody declared is refused to
 * everyone at run time, and this test fails first, naming it. The rules a subgraph declares are
 * ones its authorization policy can check, in the one vocabulary, and none of them leaks into the
 * supergraph the gateway serves.
 */
import { readFile } from 'node:fs/promises';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import type { SubgraphName } from '../shared/config.js';
import { AUTHORIZATION_SDL, enforceAuthorization, rulesOn, undeclared, type AuthorizationPolicy } from '../shared/graphql/authorization/index.js';
import type { Principal } from '../shared/auth/principal.js';
import { readSubgraphSdl } from '../shared/graphql/sdl.js';
import { SUBGRAPH_NAMES, SUPERGRAPH_FILE } from '../gateway/compose.js';
import { authorization as matters } from '../subgraphs/matters/authorization.js';
import { authorization as documents } from '../subgraphs/documents/authorization.js';
import { authorization as billing } from '../subgraphs/billing/authorization.js';
import { authorization as notifications } from '../subgraphs/notifications/authorization.js';
import { authorization as audit } from '../subgraphs/audit/authorization.js';
import { authorization as ingest } from '../subgraphs/ingest/authorization.js';
import { authorization as intake } from '../subgraphs/intake/authorization.js';

const policies: Record<SubgraphName, AuthorizationPolicy<{ principal: Principal }>> = { matters, documents, billing, notifications, audit, ingest, intake };
const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

const schemaOf = async (name: SubgraphName) =>
  buildSubgraphSchema({ typeDefs: parse(await readSubgraphSdl(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url))) });

const ruleText = (schema: GraphQLSchema, typeName: string, fieldName: string) => {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const field = type.toConfig().fields[fieldName];
  if (!field) throw new Error(`${typeName}.${fieldName} does not exist`);
  return JSON.stringify(rulesOn(schema, field));
};

describe('access rules in the subgraph SDL', () => {
  it.each(SUBGRAPH_NAMES)('%s: every field and entity is declared, in the shared vocabulary, with subjects for its rules', async (name) => {
    const schema = await schemaOf(name);
    expect(undeclared(schema)).toEqual([]);
    expect(() => enforceAuthorization(schema, policies[name], name)).not.toThrow();
  });

  it('declares the staff-only fields for STAFF and ADMIN only', async () => {
    const staffOnly = JSON.stringify([{ kind: 'hasRole', roles: ['STAFF', 'ADMIN'] }]);
    const [m, d, b] = await Promise.all([schemaOf('matters'), schemaOf('documents'), schemaOf('billing')]);
    const found = [
      ruleText(m, 'Matter', 'legacyStatus'), ruleText(m, 'Matter', 'syncedAt'),
      ruleText(d, 'Document', 'legacyDocType'), ruleText(d, 'Document', 'syncedAt'),
      ruleText(b, 'Invoice', 'legacyState'), ruleText(b, 'Invoice', 'syncedAt'),
    ];
    expect(found).toEqual(Array(6).fill(staffOnly));
  });

  it('reports what nobody declared: a bare field, and an entity type with no type-level rule', () => {
    const schema = buildSubgraphSchema({ typeDefs: parse(`${FEDERATION}\n${AUTHORIZATION_SDL}
      type Query { declared: String @signedIn  forgotten: String }
      type Thing @key(fields: "id") { id: ID! @signedIn }`) });
    expect(undeclared(schema).map((d) => `${d.type}${d.field ? `.${d.field}` : ''}`)).toEqual(['Query.forgotten', 'Thing']);
  });

  it('refuses to start a subgraph whose vocabulary drifted or whose policy misses a subject', () => {
    const drifted = AUTHORIZATION_SDL.replace('directive @signedIn on OBJECT | FIELD_DEFINITION', 'directive @signedIn on FIELD_DEFINITION');
    const build = (sdl: string, body: string) => buildSubgraphSchema({ typeDefs: parse(`${FEDERATION}\n${sdl}\n${body}`) });
    const none: AuthorizationPolicy<{ principal: Principal }> = { oracle: () => ({ mayReadMatter: () => false, mayReadClient: () => false }), subjects: {} };
    expect(() => enforceAuthorization(build(drifted, 'type Query { a: String @signedIn }'), none, 'fixture'))
      .toThrow(/fixture must declare `directive @signedIn on OBJECT \| FIELD_DEFINITION`/);
    expect(() => enforceAuthorization(build(AUTHORIZATION_SDL, 'type Query { a: Thing @signedIn } type Thing @matterAccess { id: ID! }'), none, 'fixture'))
      .toThrow(/subjects\.Thing\.matter/);
  });

  it('keeps the directives out of the supergraph, and links no federation security feature', async () => {
    const supergraph = await readFile(SUPERGRAPH_FILE, 'utf8');
    expect(supergraph).not.toMatch(/@(signedIn|hasRole|matterAccess|clientAccess|clientSelf|authenticated|requiresScopes|policy)\b/);
  });
});
