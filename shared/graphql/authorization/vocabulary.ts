import { readFileSync } from 'node:fs';
import { Kind, parse, print, type DefinitionNode, type GraphQLSchema } from 'graphql';

/**
 * The access vocabulary of the subgraphs' SDL, written once in directives.graphql and prepended to
 * each subgraph's schema.graphql when it is served, composed or code-generated (../sdl.ts);
 * `assertVocabulary` checks a served schema declares it unchanged. None of it is composed into the
 * supergraph: it is the subgraphs' business, enforced by `enforceAuthorization`.
 *
 * On a type, a directive says who may see its objects: one the caller may not see is absent (null,
 * left out of lists, null in `_entities`), exactly like one that does not exist; it is also the
 * rule of each of the type's fields. On a field, it says who may read the field, on top of the
 * type's rule (it narrows, never widens); a caller it refuses gets FORBIDDEN for that field. Several
 * directives on one element must all allow. A field with no rule at all, of its own or through its
 * type, is refused to everyone.
 */
export const AUTHORIZATION_SDL = readFileSync(new URL('./directives.graphql', import.meta.url), 'utf8');

const withoutDescription = (node: DefinitionNode): string =>
  print({ ...node, ...('description' in node ? { description: undefined } : {}) }).replace(/\s+/g, ' ');

const CANONICAL = parse(AUTHORIZATION_SDL).definitions.map((node) => {
  const name = node.kind === Kind.DIRECTIVE_DEFINITION || node.kind === Kind.ENUM_TYPE_DEFINITION ? node.name.value : '';
  return { kind: node.kind, name, text: withoutDescription(node) };
});

/** Throws, saying how to load the SDL, unless the schema declares the vocabulary exactly. */
export function assertVocabulary(schema: GraphQLSchema, where: string): void {
  for (const { kind, name, text } of CANONICAL) {
    const node = kind === Kind.DIRECTIVE_DEFINITION ? schema.getDirective(name)?.astNode : schema.getType(name)?.astNode;
    if (!node || withoutDescription(node) !== text) {
      throw new Error(`${where} must declare \`${text}\` exactly as shared/graphql/authorization/directives.graphql does: load the SDL with readSubgraphSdl (shared/graphql/sdl.ts), which prepends it, and do not redeclare it.`);
    }
  }
}
