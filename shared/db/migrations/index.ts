import { Initial1795727969594 } from './1795727969594-Initial.js';
import { IdentityHardeningAndAudit1795729958470 } from './1795729958470-IdentityHardeningAndAudit.js';
import { EventsStagesQuarantine1795739175037 } from './1795739175037-EventsStagesQuarantine.js';
import { SeedValueMappings1795739839253 } from './1795739839253-SeedValueMappings.js';
import { NotificationDelivery1795739840405 } from './1795739840405-NotificationDelivery.js';
import { MatterUpdateAnnounce1795740012593 } from './1795740012593-MatterUpdateAnnounce.js';
import { WebhooksAndSyncHealth1795740107746 } from './1795740107746-WebhooksAndSyncHealth.js';
import { WebhookNoticesAndRegistration1796086214884 } from './1796086214884-WebhookNoticesAndRegistration.js';
import { ChatConversations1796086218238 } from './1796086218238-ChatConversations.js';
import { IntakeLeads1796088472060 } from './1796088472060-IntakeLeads.js';
import { SignInLinks1796091367694 } from './1796091367694-SignInLinks.js';
import { SharedRateBuckets1796097000000 } from './1796097000000-SharedRateBuckets.js';
import { OutboxTraceContext1796100000000 } from './1796100000000-OutboxTraceContext.js';
import { RateBucketGrants1796110000000 } from './1796110000000-RateBucketGrants.js';

/** Every migration, oldest first. `npm run migration:generate -- <Name>` writes the next one. */
export const migrations = [
  Initial1795727969594,
  IdentityHardeningAndAudit1795729958470,
  EventsStagesQuarantine1795739175037,
  SeedValueMappings1795739839253,
  NotificationDelivery1795739840405,
  MatterUpdateAnnounce1795740012593,
  WebhooksAndSyncHealth1795740107746,
  WebhookNoticesAndRegistration1796086214884,
  ChatConversations1796086218238,
  IntakeLeads1796088472060,
  SignInLinks1796091367694,
  SharedRateBuckets1796097000000,
  OutboxTraceContext1796100000000,
  RateBucketGrants1796110000000,
];
