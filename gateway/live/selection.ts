import {
  Kind, OperationTypeNode, visit,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionNode,
  type SelectionSetNode, type VariableDefinitionNode,
} from 'graphql';

/**
 * Subscription payloads are resolved through the gateway like any query, for the subscriber:
 * these helpers turn the subscriber's selection under a payload field into a query document that
 * asks the graph for exactly those fields (with the variables and fragments they use).
 */

export const fragmentsOf = (document: DocumentNode): Map<string, FragmentDefinitionNode> =>
  new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));

/** The fields of a selection set, with inline fragments and fragment spreads flattened in. */
export function fieldsOf(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FieldNode[] {
  const fields: FieldNode[] = [];
  const walk = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet.selections);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet.selections);
      }
    }
  };
  walk(selectionSet.selections);
  return fields;
}

export const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

/** A field node `alias: name(args) { selections }`. */
export function fieldNode(alias: string, fieldName: string, args: Record<string, string> = {}, selections?: readonly SelectionNode[]): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: name(alias),
    name: name(fieldName),
    arguments: Object.entries(args).map(([arg, variable]) => ({ kind: Kind.ARGUMENT, name: name(arg), value: { kind: Kind.VARIABLE, name: name(variable) } })),
    ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
  };
}

/** Variables and fragments that `selections` use, transitively through fragments. */
function usedBy(selections: readonly SelectionNode[], fragments: ReadonlyMap<string, FragmentDefinitionNode>): { variables: Set<string>; fragments: Set<string> } {
  const variables = new Set<string>();
  const used = new Set<string>();
  const pending: SelectionSetNode[] = [{ kind: Kind.SELECTION_SET, selections }];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      Variable: (node) => void variables.add(node.name.value),
      FragmentSpread: (node) => {
        const fragment = fragments.get(node.name.value);
        if (!fragment || used.has(node.name.value)) return;
        used.add(node.name.value);
        pending.push(fragment.selectionSet);
      },
    });
  }
  return { variables, fragments: used };
}

/**
 * A query holding `fields`, plus our own variables (`extraVariables`: name → type, e.g. ID!), and
 * the subscriber's variable definitions and fragments those fields use.
 */
export function buildQuery(
  source: { document: DocumentNode; operation: OperationDefinitionNode },
  fields: readonly FieldNode[],
  extraVariables: Record<string, string>,
): DocumentNode {
  const fragments = fragmentsOf(source.document);
  const used = usedBy(fields, fragments);
  const variableDefinitions: VariableDefinitionNode[] = [
    ...(source.operation.variableDefinitions ?? []).filter((d) => used.variables.has(d.variable.name.value)),
    ...Object.entries(extraVariables).map(([variable, type]): VariableDefinitionNode => ({
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: name(variable) },
      type: type.endsWith('!')
        ? { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name(type.slice(0, -1)) } }
        : { kind: Kind.NAMED_TYPE, name: name(type) },
    })),
  ];
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: name('LiveSubscriptionPayload'),
        variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
      },
      ...[...used.fragments].map((f) => fragments.get(f)!),
    ],
  };
}
