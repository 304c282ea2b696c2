import type { Rule } from './vocabulary.js';

/**
 * The firm's rules: what each objective event means for a matter's official stage
 * (stages/stage-machine.ts) and what the client is told about it. Edit freely; the words are
 * defined in vocabulary.ts. Every rule whose event and conditions match fires (so one transcript
 * can both be announced and complete discovery); a stage move the stage machine refuses (a
 * pleading filed while the matter is already in discovery) is not made, but the update is still
 * written. Dates are shown in FIRM_TIME_ZONE.
 *
 * Urgent (sent at once, not in the digest): a hearing, trial, deposition or meeting scheduled,
 * moved or cancelled within the next 7 days; a deadline due within 72 hours; and any rule marked
 * `urgent: 'always'` here (a trial date, a court order).
 */
export const FIRM_TIME_ZONE = 'America/New_York';

const WITHIN_7_DAYS = { withinHours: 7 * 24 } as const;
const WITHIN_72_HOURS = { withinHours: 72 } as const;
const APPOINTMENTS = ['HEARING', 'TRIAL', 'DEPOSITION', 'MEETING'] as const;
const PORTAL_COPY = 'You can view a watermarked copy in your client portal.';
const PORTAL_COPY_ES = 'Puede ver una copia con marca de agua en su portal de cliente.';

export const RULES: readonly Rule[] = [
  // The matter itself.
  {
    id: 'matter-opened',
    description: 'The firm opened the matter in the CMS: the engagement has begun.',
    on: ['matter.opened'],
    moveTo: 'ENGAGED',
    update: {
      category: 'MATTER',
      title: 'Your matter is open: {matter}',
      body: 'We opened {matter} (matter {matterNumber}) on {openedOn}. Every step of your case will appear here as it happens.',
      es: { title: 'Su asunto está abierto: {matter}', body: 'Abrimos {matter} (asunto {matterNumber}) el {openedOn}. Cada paso de su caso aparecerá aquí a medida que ocurra.' },
    },
  },
  {
    id: 'matter-closed',
    description: 'The firm closed the matter in the CMS.',
    on: ['matter.closed'],
    moveTo: 'CLOSED',
    update: {
      category: 'MATTER',
      title: 'Your matter is closed: {matter}',
      body: 'We closed {matter} (matter {matterNumber}) on {closedOn}. Your documents stay available in your client portal.',
      es: { title: 'Su asunto está cerrado: {matter}', body: 'Cerramos {matter} (asunto {matterNumber}) el {closedOn}. Sus documentos siguen disponibles en su portal de cliente.' },
    },
  },

  // Pleadings.
  {
    id: 'pleading-filed',
    description: 'A pleading (complaint, answer) is in the DMS: the case is in the pleadings stage.',
    on: ['document.filed', 'document.tagged'],
    when: { newKind: true, kind: ['PLEADING'] },
    moveTo: 'PLEADINGS',
    update: { category: 'DOCUMENT', title: 'New pleading: {documentName}', body: `{documentName} was added to your case file on {receivedOn}. ${PORTAL_COPY}`,
      es: { title: 'Nuevo escrito: {documentName}', body: `{documentName} se añadió a su expediente el {receivedOn}. ${PORTAL_COPY_ES}` } },
  },
  {
    id: 'motion-filed',
    description: 'A motion is in the DMS.',
    on: ['document.filed', 'document.tagged'],
    when: { newKind: true, kind: ['MOTION'] },
    update: { category: 'DOCUMENT', title: 'New motion: {documentName}', body: `{documentName} was added to your case file on {receivedOn}. ${PORTAL_COPY}`,
      es: { title: 'Nueva moción: {documentName}', body: `{documentName} se añadió a su expediente el {receivedOn}. ${PORTAL_COPY_ES}` } },
  },
  {
    id: 'court-order-received',
    description: 'A court order is in the DMS; clients hear of court orders at once.',
    on: ['document.filed', 'document.tagged'],
    when: { newKind: true, kind: ['COURT_ORDER'] },
    urgent: 'always',
    update: { category: 'DOCUMENT', title: 'The court issued an order: {documentName}', body: `We received {documentName} on {receivedOn}. ${PORTAL_COPY} We will explain what it means for your case.`,
      es: { title: 'El tribunal dictó una orden: {documentName}', body: `Recibimos {documentName} el {receivedOn}. ${PORTAL_COPY_ES} Le explicaremos qué significa para su caso.` } },
  },

  // Discovery.
  {
    id: 'deposition-scheduled',
    description: 'A deposition is on the calendar: the case is in discovery.',
    on: ['hearing.scheduled'],
    when: { kind: ['DEPOSITION'] },
    moveTo: 'DISCOVERY',
    urgent: WITHIN_7_DAYS,
    update: {
      category: 'HEARING',
      title: 'Deposition of {deponent} scheduled for {date}',
      body: 'The deposition of {deponent} is scheduled for {date} at {time}{atLocation}. We will let you know when the transcript arrives.',
      es: { title: 'Declaración de {deponent} programada para el {date}', body: 'La declaración de {deponent} está programada para el {date} a las {time}{atLocation}. Le avisaremos cuando llegue la transcripción.' },
    },
  },
  {
    id: 'discovery-document-filed',
    description: 'A document tagged "discovery" (other than a transcript, pleading or motion) is in the DMS: the case is in discovery.',
    on: ['document.filed', 'document.tagged'],
    when: { newKind: true, kind: ['EVIDENCE', 'CORRESPONDENCE', 'CONTRACT', 'OTHER'], taggedAny: ['discovery'] },
    moveTo: 'DISCOVERY',
    update: { category: 'DOCUMENT', title: 'New discovery document: {documentName}', body: `{documentName} was added to your case file on {receivedOn}. ${PORTAL_COPY}`,
      es: { title: 'Nuevo documento de la fase probatoria: {documentName}', body: `{documentName} se añadió a su expediente el {receivedOn}. ${PORTAL_COPY_ES}` } },
  },
  {
    id: 'deposition-transcript-received',
    description: "A deposition transcript tagged with the deponent of a deposition on the calendar is in the DMS.",
    on: ['document.filed', 'document.tagged'],
    when: { transcriptNamesDeponent: true, deponentOnCalendar: true },
    moveTo: 'DISCOVERY',
    update: {
      category: 'DOCUMENT',
      title: "Deposition transcript received: {deponent}",
      body: `We have received the deposition transcript from {deponent}'s testimony on {testimonyOn}. ${PORTAL_COPY}`,
      es: { title: 'Transcripción de la declaración recibida: {deponent}', body: `Hemos recibido la transcripción de la declaración de {deponent} del {testimonyOn}. ${PORTAL_COPY_ES}` },
    },
  },
  {
    id: 'deposition-transcript-received-off-calendar',
    description: 'A deposition transcript tagged with a deponent who has no deposition on the calendar is in the DMS.',
    on: ['document.filed', 'document.tagged'],
    when: { transcriptNamesDeponent: true, deponentOnCalendar: false },
    moveTo: 'DISCOVERY',
    update: { category: 'DOCUMENT', title: 'Deposition transcript received: {deponent}', body: `We have received the transcript of {deponent}'s deposition ({documentName}). ${PORTAL_COPY}`,
      es: { title: 'Transcripción de la declaración recibida: {deponent}', body: `Hemos recibido la transcripción de la declaración de {deponent} ({documentName}). ${PORTAL_COPY_ES}` } },
  },
  {
    id: 'discovery-complete',
    description: 'Every deposition on the calendar has its transcript in the DMS, tagged with its deponent: discovery is complete. '
      + 'A deposition whose calendar title names nobody ("Deposition of <name>") holds it back until staff fix the title or override the stage.',
    // A calendar entry counts too: on a first import the DMS may be read before the CMS calendar.
    on: ['document.filed', 'document.tagged', 'hearing.scheduled', 'hearing.rescheduled', 'hearing.cancelled'],
    when: { everyDepositionTranscribed: true },
    moveTo: 'DISCOVERY_COMPLETE',
    onlyWhenItMoves: true,
    explanation: 'Every deposition on the calendar has its transcript in the DMS: {deponents}.',
    update: {
      category: 'STAGE',
      title: 'Discovery is complete',
      body: 'We now have {allTranscripts} in your case ({deponents}). Discovery is complete, and we are preparing the next stage of your case.',
      es: { title: 'La fase probatoria ha concluido', body: 'Ya tenemos {allTranscripts} de su caso ({deponents}). La fase probatoria ha concluido y estamos preparando la siguiente etapa de su caso.' },
    },
  },

  // The calendar.
  {
    id: 'hearing-scheduled',
    description: 'A hearing is on the calendar.',
    on: ['hearing.scheduled'],
    when: { kind: ['HEARING'] },
    urgent: WITHIN_7_DAYS,
    update: { category: 'HEARING', title: '{title} on {date}', body: '{title} is scheduled for {date} at {time}{atLocation}.',
      es: { title: '{title} el {date}', body: '{title} está programada para el {date} a las {time}{atLocation}.' } },
  },
  {
    id: 'trial-scheduled',
    description: 'A trial date is on the calendar: the case is preparing for trial.',
    on: ['hearing.scheduled'],
    when: { kind: ['TRIAL'] },
    moveTo: 'PRE_TRIAL',
    urgent: 'always',
    update: { category: 'HEARING', title: 'Trial date set: {date}', body: '{title} is scheduled to begin on {date} at {time}{atLocation}. We will prepare you well before then.',
      es: { title: 'Fecha del juicio fijada: {date}', body: '{title} comenzará el {date} a las {time}{atLocation}. Le prepararemos con tiempo.' } },
  },
  {
    id: 'meeting-scheduled',
    description: 'A meeting with the client is on the calendar.',
    on: ['hearing.scheduled'],
    when: { kind: ['MEETING'] },
    urgent: WITHIN_7_DAYS,
    update: { category: 'HEARING', title: '{title} on {date}', body: '{title} is scheduled for {date} at {time}{atLocation}.',
      es: { title: '{title} el {date}', body: '{title} está programada para el {date} a las {time}{atLocation}.' } },
  },
  {
    id: 'appointment-rescheduled',
    description: 'A hearing, trial, deposition or meeting moved to another date or time.',
    on: ['hearing.rescheduled'],
    when: { kind: APPOINTMENTS },
    urgent: WITHIN_7_DAYS,
    update: { category: 'HEARING', title: '{title} moved to {date}', body: '{title}, previously set for {previousDate}, is now scheduled for {date} at {time}{atLocation}.',
      es: { title: '{title}: cambia al {date}', body: '{title}, antes prevista para el {previousDate}, está ahora programada para el {date} a las {time}{atLocation}.' } },
  },
  {
    id: 'appointment-cancelled',
    description: 'A hearing, trial, deposition or meeting was cancelled: what was announced about it is withdrawn.',
    on: ['hearing.cancelled'],
    when: { kind: APPOINTMENTS },
    urgent: WITHIN_7_DAYS,
    withdrawsEarlier: true,
    update: { category: 'HEARING', title: '{title} on {date} is cancelled', body: '{title}, scheduled for {date} at {time}, has been cancelled. We will let you know if a new date is set.',
      es: { title: '{title} del {date}: cancelada', body: '{title}, programada para el {date} a las {time}, se ha cancelado. Le avisaremos si se fija una nueva fecha.' } },
  },

  // Deadlines.
  {
    id: 'deadline-set',
    description: 'A deadline is on the matter.',
    on: ['deadline.set'],
    when: { hasPrevious: false },
    urgent: WITHIN_72_HOURS,
    update: { category: 'DEADLINE', title: 'Deadline: {title}, due {dueOn}', body: '{title} is due {dueOn}. We will keep you posted.',
      es: { title: 'Plazo: {title}, vence el {dueOn}', body: '{title} vence el {dueOn}. Le mantendremos informado.' } },
  },
  {
    id: 'deadline-moved',
    description: "A deadline's due date changed.",
    on: ['deadline.set'],
    when: { hasPrevious: true },
    urgent: WITHIN_72_HOURS,
    update: { category: 'DEADLINE', title: 'Deadline moved: {title}, now due {dueOn}', body: '{title}, previously due {previousDate}, is now due {dueOn}.',
      es: { title: 'Plazo modificado: {title}, vence ahora el {dueOn}', body: '{title}, que vencía el {previousDate}, vence ahora el {dueOn}.' } },
  },

  // Resolution.
  {
    id: 'settlement-filed',
    description: 'A settlement agreement is in the DMS: the case is resolved.',
    on: ['document.filed'],
    when: { nameContainsAny: ['settlement'] },
    moveTo: 'RESOLUTION',
    update: { category: 'DOCUMENT', title: 'Settlement agreement received: {documentName}', body: `{documentName} was added to your case file on {receivedOn}. ${PORTAL_COPY}`,
      es: { title: 'Acuerdo transaccional recibido: {documentName}', body: `{documentName} se añadió a su expediente el {receivedOn}. ${PORTAL_COPY_ES}` } },
  },

  // Billing.
  {
    id: 'invoice-issued',
    description: 'An invoice was issued.',
    on: ['invoice.issued'],
    update: { category: 'INVOICE', title: 'Invoice {invoiceNumber}: {total}', body: 'Invoice {invoiceNumber} for {total} is ready in your client portal; it is due {dueOn}.',
      es: { title: 'Factura {invoiceNumber}: {total}', body: 'La factura {invoiceNumber} por {total} está disponible en su portal de cliente; vencimiento: {dueOn}.' } },
  },
  {
    id: 'invoice-paid',
    description: 'An invoice was paid.',
    on: ['invoice.paid'],
    update: { category: 'INVOICE', title: 'Payment received for invoice {invoiceNumber}', body: 'Thank you: we received {paid} for invoice {invoiceNumber}. Its remaining balance is {balance}.',
      es: { title: 'Pago recibido de la factura {invoiceNumber}', body: 'Gracias: hemos recibido {paid} para la factura {invoiceNumber}. Su saldo pendiente es de {balance}.' } },
  },
];
