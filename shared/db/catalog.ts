/**
 * Every entity and migration of every context, in one list: each process opens one DataSource
 * over the shared database, but touches only its own context's tables.
 */
import { ClientRow, MatterEventRow, MatterRow, MatterUpdateRow, PicklistOptionRow, StaffRow, StageTransitionRow } from '../../subgraphs/matters/entities/index.js';
import { DocumentRow } from '../../subgraphs/documents/entities/index.js';
import { InvoiceMatterRow, InvoiceRow } from '../../subgraphs/billing/entities/index.js';
import { DeliveryRow, NotificationPreferencesRow, NotificationRow } from '../../subgraphs/notifications/entities/index.js';
import { SyncCursorRow } from '../sync/SyncCursor.js';
import { QuarantineItemRow } from '../sync/QuarantineItem.js';
import { ValueMappingRow } from '../sync/ValueMapping.js';
import { WebhookSubscriptionRow } from '../sync/WebhookSubscription.js';
import { WebhookDeliveryRow } from '../sync/WebhookDelivery.js';
import { LegacySystemStateRow } from '../sync/LegacySystemState.js';
import { DomainEventRow, EventConsumerRow } from '../events/DomainEvent.js';
import { AccountRow } from '../auth/Account.js';
import { LoginThrottleRow } from '../auth/LoginThrottle.js';
import { InvitationRow } from '../auth/Invitation.js';
import { AuditEntryRow } from '../audit/AuditEntry.js';
import { intakeEntities } from '../../subgraphs/intake/entities/index.js';
import { migrations as allMigrations } from './migrations/index.js';

export const entities = [
  ClientRow, StaffRow, MatterRow, MatterEventRow, PicklistOptionRow, StageTransitionRow, MatterUpdateRow,
  DocumentRow,
  InvoiceRow, InvoiceMatterRow,
  NotificationRow, DeliveryRow, NotificationPreferencesRow,
  SyncCursorRow, QuarantineItemRow, ValueMappingRow, WebhookSubscriptionRow, WebhookDeliveryRow, LegacySystemStateRow,
  DomainEventRow, EventConsumerRow,
  AccountRow, LoginThrottleRow, InvitationRow,
  AuditEntryRow,
  ...intakeEntities,
];

export const migrations = allMigrations;
