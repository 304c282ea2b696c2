import { Kind, parse, print, type DefinitionNode, type GraphQLSchema } from 'graphql';

/**
 * The access vocabulary of the subgraphs' SDL. Each `schema.graphql` repeats these definitions —
 * the federation composer reads the files on their own — and `assertVocabulary` keeps the copies
 * identical to this one. None of them is composed into the supergraph: they are the subgraphs'
 * business, enforced by `enforceAuthorization`.
 *
 * On a type, a directive says who may see its objects: one the caller may not see is absent (null,
 * left out of lists, null in `_entities`), exactly like one that does not exist; it is also the
 * rule of each of the type's fields. On a field, it says who may read the field, on top of the
 * type's rule (it narrows, never widens); a caller it refuses gets FORBIDDEN for that field. Several
 * directives on one element must all allow. A field with no rule at all, of its own or through its
 * type, is refused to everyone.
 */
export const AUTHORIZATION_SDL = `
"Any signed-in caller."
directive @signedIn on OBJECT | FIELD_DEFINITION

"Callers with one of these roles."
directive @hasRole(roles: [Role!]!) on OBJECT | FIELD_DEFINITION

"Whoever may see the matter the object is or hangs off: its client, the staff on its team, admins."
directive @matterAccess on OBJECT | FIELD_DEFINITION

"Whoever may see the client the object is or belongs to: the client, the staff on their matters, admins."
directive @clientAccess on OBJECT | FIELD_DEFINITION

"The client the object belongs to, and nobody else: not staff, not admins."
directive @clientSelf on OBJECT | FIELD_DEFINITION

enum Role {
  CLIENT
  STAFF
  ADMIN
}
`;

const withoutDescription = (node: DefinitionNode): string =>
  print({ ...node, ...('description' in node ? { description: undefined } : {}) }).replace(/\s+/g, ' ');

const CANONICAL = parse(AUTHORIZATION_SDL).definitions.map((node) => {
  const name = node.kind === Kind.DIRECTIVE_DEFINITION || node.kind === Kind.ENUM_TYPE_DEFINITION ? node.name.value : '';
  return { kind: node.kind, name, text: withoutDescription(node) };
});

/** Throws, saying what to copy where, unless the schema declares the vocabulary exactly. */
export function assertVocabulary(schema: GraphQLSchema, where: string): void {
  for (const { kind, name, text } of CANONICAL) {
    const node = kind === Kind.DIRECTIVE_DEFINITION ? schema.getDirective(name)?.astNode : schema.getType(name)?.astNode;
    if (!node || withoutDescription(node) !== text) {
      throw new Error(`${where} must declare \`${text}\` exactly as shared/graphql/authorization/vocabulary.ts does: copy it from there.`);
    }
  }
}
