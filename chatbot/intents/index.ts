import type { IntentHandler } from './context.js';
import { nextHearing } from './next-hearing.js';
import { upcomingEvents } from './upcoming-events.js';
import { balance } from './balance.js';
import { invoices } from './invoices.js';
import { documentStatus } from './document-status.js';
import { stage } from './stage.js';
import { updates } from './updates.js';
import { matters } from './matters.js';
import { contact } from './contact.js';
import { handoff } from './handoff.js';
import { greeting, help, legalAdvice, outOfScope } from './simple.js';

/** Every intent the classifier is trained on (chatbot/utterances/*.json), with its handler. */
export const HANDLERS: Readonly<Record<string, IntentHandler>> = {
  next_hearing: nextHearing,
  upcoming_events: upcomingEvents,
  balance,
  invoices,
  document_status: documentStatus,
  stage,
  updates,
  matters,
  contact,
  handoff,
  greeting,
  help,
  legal_advice: legalAdvice,
  out_of_scope: outOfScope,
};

export type { TurnContext, Reply, IntentHandler } from './context.js';
