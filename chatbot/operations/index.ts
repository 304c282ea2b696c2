import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type FragmentDefinitionNode } from 'graphql';
import type * as T from './types.generated.js';

/** The allow-list: every operation the chatbot may run, with its codegen types. Nothing else is ever sent. */
export interface Operations {
  ChatMatters: { variables: T.ChatMattersQueryVariables; result: T.ChatMattersQuery };
  MatterEvents: { variables: T.MatterEventsQueryVariables; result: T.MatterEventsQuery };
  Balances: { variables: T.BalancesQueryVariables; result: T.BalancesQuery };
  Invoices: { variables: T.InvoicesQueryVariables; result: T.InvoicesQuery };
  MatterDocuments: { variables: T.MatterDocumentsQueryVariables; result: T.MatterDocumentsQuery };
  MatterStages: { variables: T.MatterStagesQueryVariables; result: T.MatterStagesQuery };
  Contacts: { variables: T.ContactsQueryVariables; result: T.ContactsQuery };
  Conversation: { variables: T.ConversationQueryVariables; result: T.ConversationQuery };
  RecordChatTurn: { variables: T.RecordChatTurnMutationVariables; result: T.RecordChatTurnMutation };
  RequestHandoff: { variables: T.RequestHandoffMutationVariables; result: T.RequestHandoffMutation };
}
export type OperationName = keyof Operations;

const NAMES: readonly OperationName[] = [
  'ChatMatters', 'MatterEvents', 'Balances', 'Invoices', 'MatterDocuments', 'MatterStages', 'Contacts', 'Conversation', 'RecordChatTurn', 'RequestHandoff',
];

const FRAGMENTS_FILE = 'fragments.graphql';
const NOT_OPERATIONS = new Set(['api-schema.graphql', FRAGMENTS_FILE]);

/** The fragments an operation spreads, directly or through another fragment. */
function fragmentsUsed(text: string, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: Parameters<typeof visit>[0]) => visit(node, {
    FragmentSpread(spread) {
      const fragment = fragments.get(spread.name.value);
      if (!fragment) throw new Error(`No fragment ${spread.name.value} in chatbot/operations/${FRAGMENTS_FILE}.`);
      if (!used.has(fragment.name.value)) {
        used.set(fragment.name.value, fragment);
        collect(fragment);
      }
    },
  });
  collect(parse(text));
  return [...used.values()];
}

/**
 * Reads chatbot/operations/*.graphql once: one named operation per file, each of them in the list
 * above, sent with the fragments of fragments.graphql it uses.
 */
export function loadOperations(dir = new URL('.', import.meta.url)): ReadonlyMap<OperationName, string> {
  const fragmentDefinitions = parse(readFileSync(new URL(FRAGMENTS_FILE, dir), 'utf8')).definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const fragments = new Map(fragmentDefinitions.map((f) => [f.name.value, f]));
  const found = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql') && !NOT_OPERATIONS.has(f))) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const operations = parse(text).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const name = operations.length === 1 ? operations[0]?.name?.value : undefined;
    if (!name) throw new Error(`chatbot/operations/${file} must hold exactly one named operation.`);
    found.set(name, [text, ...fragmentsUsed(text, fragments).map((f) => print(f))].join('\n'));
  }
  const documents = new Map<OperationName, string>();
  for (const name of NAMES) {
    const text = found.get(name);
    if (!text) throw new Error(`The allow-list names ${name} but chatbot/operations/ has no such operation.`);
    documents.set(name, text);
  }
  const unknown = [...found.keys()].filter((name) => !NAMES.some((n) => n === name));
  if (unknown.length) throw new Error(`chatbot/operations/ holds operations the allow-list does not name: ${unknown.join(', ')}.`);
  return documents;
}
