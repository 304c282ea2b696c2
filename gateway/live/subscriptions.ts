import { GraphQLError, Kind, type DocumentNode, type ExecutionResult, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { Principal } from '../../shared/auth/principal.js';
import { ErrorCode } from '../../shared/errors.js';
import { GatewayErrorCode } from '../errors.js';
import type { DomainEvent, DomainEventType } from '../../shared/events/index.js';
import { buildQuery, fieldNode, fieldsOf, fragmentsOf, responseKey } from './selection.js';

/** Runs a query through the gateway as the subscriber. */
export type ResolveAsSubscriber = (query: DocumentNode, variables: Record<string, unknown>, eventId?: string) => Promise<ExecutionResult>;

export interface LiveOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variableValues: Record<string, unknown>;
  /** The one root field of the subscription. */
  field: FieldNode;
}

/** One subscription, ready to stream: which events concern it, and each one's payload for the subscriber. */
export interface PreparedSubscription {
  accepts(event: DomainEvent): boolean;
  /** The result to send, or null when the subscriber may no longer see what the event is about. */
  payload(event: DomainEvent): Promise<ExecutionResult | null>;
}

function argumentValue(operation: LiveOperation, argument: string): unknown {
  const node = operation.field.arguments?.find((a) => a.name.value === argument)?.value;
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) return operation.variableValues[node.name.value];
  return 'value' in node ? node.value : undefined;
}

const MATTER_CHANGES: Partial<Record<DomainEventType, 'UPDATE' | 'STAGE' | 'DOCUMENT' | 'EVENT'>> = {
  'update.published': 'UPDATE',
  'stage.changed': 'STAGE',
  'document.filed': 'DOCUMENT',
  'document.tagged': 'DOCUMENT',
  'hearing.scheduled': 'EVENT',
  'hearing.rescheduled': 'EVENT',
  'hearing.cancelled': 'EVENT',
  'deadline.set': 'EVENT',
};

const MATTER_VARIABLE = 'cbLiveMatterId';
const ACCESS_KEY = 'cbLiveAccess';
const UPDATE_ID_KEY = 'cbLiveUpdateId';
const updatesKey = (key: string) => `cbLiveUpdates_${key}`;

export const matterNotFound = () =>
  new GraphQLError('No matter with this id: subscribe to one of the matters `matters` lists for you.', { extensions: { code: ErrorCode.NOT_FOUND } });

/** The probe could not be answered (a subgraph was down or failed): not an answer about the matter. */
export const matterUncheckable = () =>
  new GraphQLError('Could not check this matter just now (a service did not answer): subscribe again in a moment.', { extensions: { code: GatewayErrorCode.SERVICE_UNAVAILABLE } });

/** Codes that answer the question "may I see this matter?"; any other error means the probe failed. */
const ANSWERS: ReadonlySet<string> = new Set([ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN, ErrorCode.BAD_USER_INPUT]);

/**
 * matterUpdated(matterId): refused at subscribe time for a matter the subscriber may not see (the
 * same answer as for one that does not exist), or SERVICE_UNAVAILABLE when that could not be checked; each event's payload is resolved as the subscriber,
 * and an event of a matter they can no longer see is not delivered.
 */
export async function prepareMatterUpdated(operation: LiveOperation, resolve: ResolveAsSubscriber): Promise<PreparedSubscription | GraphQLError> {
  const matterId = argumentValue(operation, 'matterId');
  if (typeof matterId !== 'string' || matterId === '') return matterNotFound();
  const probe = buildQuery(operation, [fieldNode('matter', 'matter', { id: MATTER_VARIABLE }, [fieldNode('id', 'id'), fieldNode('number', 'number')])], { [MATTER_VARIABLE]: 'ID!' });
  const found = await resolve(probe, { [MATTER_VARIABLE]: matterId });
  const matter = found.data?.matter as { id: string; number: string } | null | undefined;
  if (!matter) {
    const failed = (found.errors ?? []).some((error) => !ANSWERS.has(String(error.extensions?.['code'])));
    return failed ? matterUncheckable() : matterNotFound();
  }

  const fields = fieldsOf(operation.field.selectionSet!, fragmentsOf(operation.document));
  const queried: FieldNode[] = [fieldNode(ACCESS_KEY, 'matter', { id: MATTER_VARIABLE }, [fieldNode('id', 'id')])];
  for (const field of fields) {
    const key = responseKey(field);
    const selections = field.selectionSet?.selections ?? [];
    if (field.name.value === 'matter') queried.push(fieldNode(key, 'matter', { id: MATTER_VARIABLE }, selections));
    if (field.name.value === 'update') {
      queried.push(fieldNode(updatesKey(key), 'matter', { id: MATTER_VARIABLE }, [fieldNode('updates', 'updates', {}, [fieldNode(UPDATE_ID_KEY, 'id'), ...selections])]));
    }
  }
  const query = buildQuery(operation, queried, { [MATTER_VARIABLE]: 'ID!' });
  const variables = { ...operation.variableValues, [MATTER_VARIABLE]: matter.id };

  return {
    accepts: (event) =>
      MATTER_CHANGES[event.type] !== undefined &&
      (event.matterId === matter.id || event.matterNumber === matter.number || ('matterId' in event.payload && event.payload.matterId === matter.id)),
    async payload(event) {
      const result = await resolve(query, variables, event.id);
      const data = result.data as Record<string, unknown> | null | undefined;
      if (!data?.[ACCESS_KEY]) return null;
      const updateId = event.type === 'update.published' ? event.payload.updateId : null;
      const payload: Record<string, unknown> = {};
      for (const field of fields) {
        const key = responseKey(field);
        switch (field.name.value) {
          case '__typename': payload[key] = 'MatterUpdated'; break;
          case 'change': payload[key] = MATTER_CHANGES[event.type]; break;
          case 'at': payload[key] = event.occurredAt.toISOString(); break;
          case 'matter': payload[key] = data[key]; break;
          case 'update': {
            const updates = (data[updatesKey(key)] as { updates?: Array<Record<string, unknown>> } | null)?.updates ?? [];
            const found = updateId === null ? undefined : updates.find((u) => u[UPDATE_ID_KEY] === updateId);
            payload[key] = found ? Object.fromEntries(Object.entries(found).filter(([k]) => k !== UPDATE_ID_KEY)) : null;
            break;
          }
        }
      }
      return { data: { [responseKey(operation.field)]: payload }, ...(result.errors ? { errors: result.errors } : {}) };
    },
  };
}

const NOTIFICATION_VARIABLE = 'cbLiveNotificationId';
const NOTIFICATION_KEY = 'cbLiveNotification';

/** notificationAdded: only the subscriber's own client's notifications, each resolved as them. */
export function prepareNotificationAdded(operation: LiveOperation, principal: Principal, resolve: ResolveAsSubscriber): PreparedSubscription {
  const query = buildQuery(operation, [fieldNode(NOTIFICATION_KEY, 'notification', { id: NOTIFICATION_VARIABLE }, operation.field.selectionSet?.selections ?? [])], { [NOTIFICATION_VARIABLE]: 'ID!' });
  return {
    accepts: (event) => event.type === 'notification.added' && principal.clientId !== null && event.payload.clientId === principal.clientId,
    async payload(event) {
      if (event.type !== 'notification.added') return null;
      const result = await resolve(query, { ...operation.variableValues, [NOTIFICATION_VARIABLE]: event.payload.notificationId }, event.id);
      const notification = (result.data as Record<string, unknown> | null | undefined)?.[NOTIFICATION_KEY];
      if (!notification) return null;
      return { data: { [responseKey(operation.field)]: notification }, ...(result.errors ? { errors: result.errors } : {}) };
    },
  };
}
