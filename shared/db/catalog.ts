/**
 * The floor's own entities and the migrations kept here (their SQL history). Each process opens
 * one DataSource over the shared database with these plus its modules' (shared/module.ts,
 * databaseCatalog), and touches only its own context's tables.
 */
import { DomainEventRow, EventConsumerRow } from '../events/DomainEvent.js';
import { AccountRow } from '../auth/Account.js';
import { LoginThrottleRow } from '../auth/LoginThrottle.js';
import { InvitationRow } from '../auth/Invitation.js';
import { SignInLinkRow } from '../auth/SignInLink.js';
import { RateBucketRow } from '../auth/RateBucket.js';
import { AuditEntryRow } from '../audit/AuditEntry.js';
import type { DatabaseCatalog } from '../module.js';
import { migrations } from './migrations/index.js';

export const SHARED_CATALOG: DatabaseCatalog = {
  entities: [DomainEventRow, EventConsumerRow, AccountRow, LoginThrottleRow, InvitationRow, SignInLinkRow, RateBucketRow, AuditEntryRow],
  migrations,
};
