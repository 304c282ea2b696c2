import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Principal } from '../../shared/auth/principal.js';
import { clientTag, EVERY_COPY } from '../../shared/events/index.js';
import { STAFF_TAG } from './store.js';

/**
 * Mutations whose every effect a client can read back lies in these query root fields. Any other
 * mutation may change any answer of its caller's client. recordChatTurn (the chatbot stores each
 * exchange) only adds to the caller's conversations: without this, every chat answer emptied its
 * client's cache and the chatbot's next question missed it.
 */
const NARROW_MUTATIONS: Readonly<Record<string, readonly string[]>> = {
  recordChatTurn: ['conversations', 'conversation'],
};

/** The tag of a client's answers that read one query root field. */
const fieldTag = (clientId: string, field: string) => `${clientTag(clientId)}#${field}`;

/** The root fields an operation selects, or undefined when its root holds fragments. */
function rootFieldsOf(operation: OperationDefinitionNode): string[] | undefined {
  const fields: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return undefined;
    fields.push(selection.name.value);
  }
  return fields;
}

/**
 * Whose data an answer may hold: a client's own (and, by root field, which of it), or (staff,
 * admins) anyone's. Every client answer carries its client's tag, which the outbox's changes drop.
 */
export function answerTags(principal: Principal, operation: OperationDefinitionNode): string[] {
  if (principal.role !== 'CLIENT' || principal.clientId === null) return [STAFF_TAG];
  const { clientId } = principal;
  return [clientTag(clientId), ...(rootFieldsOf(operation) ?? []).map((field) => fieldTag(clientId, field))];
}

/** What a mutation of this caller may have changed: part or all of their own client's answers, or (staff, admins) anyone's. */
export function changedTags(principal: Principal, operation: OperationDefinitionNode): string[] {
  if (principal.role !== 'CLIENT' || principal.clientId === null) return [EVERY_COPY];
  const { clientId } = principal;
  const fields = rootFieldsOf(operation);
  if (!fields || fields.length === 0 || !fields.every((field) => field in NARROW_MUTATIONS)) return [clientTag(clientId)];
  return [...new Set(fields.flatMap((field) => NARROW_MUTATIONS[field]!))].map((field) => fieldTag(clientId, field));
}
