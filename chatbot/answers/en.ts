import type { EventLine, Messages } from './messages.js';

const event = (e: EventLine) => `${e.title} on ${e.when}${e.location ? `, at ${e.location}` : ''}`;
const inMatter = (matter: string | null) => (matter ? `in ${matter}` : 'in any of your matters');
const STATUS: Record<string, string> = { AWAITING_PAYMENT: 'awaiting payment', OVERDUE: 'overdue', PAID: 'paid', VOID: 'void', DRAFT: 'draft' };

export const en: Messages = {
  greeting: (name) => `Hello${name ? ` ${name}` : ''}! I can tell you about your court dates, documents, bills and where your case stands. What would you like to know?`,
  help: () => 'You can ask me: "When is my next court date?", "What do I owe?", "Did you get the transcript from the deposition?", "Where does my case stand?", "What is new since last week?", "Who is my attorney?" — or say "I want to talk to my lawyer".',
  outOfScope: () => 'I can only help with your matters at the firm: court dates, documents, bills, and where your case stands. For anything else, your attorney can help.',
  notUnderstood: () => "I'm not sure I understood. Could you say it another way? For example: \"When is my next hearing?\" or \"What do I owe?\". I can also ask your attorney to get back to you.",
  legalAdvice: () => "I can't give legal advice, and your situation deserves a real answer from your attorney. Would you like me to ask them to get back to you?",
  refused: () => "I'm sorry, I can't help with that. I can only answer questions about your own matters, from your own records.",
  unknownMatter: () => "I couldn't find that matter among yours. I can only answer about your own matters — ask me \"What are my matters?\" to see them.",
  whichMatter: (titles) => `Which matter do you mean: ${titles.join(' or ')}?`,
  nextHearing: (matter, e) => `Your next court date in ${matter} is the ${event(e)}.`,
  noHearing: (matter) => `No hearing is scheduled ${inMatter(matter)} right now. We will tell you as soon as one is set.`,
  upcomingEvents: (matter, events) => `Coming up ${matter ? `in ${matter}` : 'in your matters'}: ${events.map(event).join('; ')}.`,
  noEvents: (matter) => `Nothing is scheduled ${inMatter(matter)} right now.`,
  balance: (lines, total) => lines.length === 1 && total === null
    ? `You owe ${lines[0]?.amount} on ${lines[0]?.matter}.`
    : `You owe ${total} in total: ${lines.map((l) => `${l.amount} on ${l.matter}`).join('; ')}.`,
  invoices: (lines) => `Your bills: ${lines.map((l) => `${l.number} (${l.matter}), issued ${l.issued}, ${l.total}, ${l.balance} still owed, ${l.status}`).join('; ')}.`,
  noInvoices: (matter) => `There are no bills ${inMatter(matter)}.`,
  invoiceStatus: (status) => STATUS[status] ?? status.toLowerCase(),
  documentReceived: (what, name, received, matter) => `Yes — we received ${what} ("${name}") on ${received}, in ${matter}.`,
  documentNotReceived: (what, matter) => `We have not received ${what} ${inMatter(matter)} yet. We will let you know as soon as it arrives.`,
  recentDocuments: (matter, names) => `The latest documents in ${matter}: ${names.join('; ')}.`,
  transcriptOf: (deponent) => `the transcript of ${deponent}'s deposition`,
  stage: (matter, stage, since, latest) => `${matter}: ${stage}${since ? ` (since ${since})` : ''}.${latest ? ` Latest: ${latest}` : ''}`,
  updates: (matter, lines, since, earlier) => `${since ? `Since ${since}` : 'Latest news'}${matter ? ` in ${matter}` : ''}: ${lines.map((l) => `${l.when} — ${l.title}`).join('; ')}${earlier ? `; and ${earlier} earlier` : ''}.`,
  noUpdates: (matter, since) => `Nothing new ${matter ? `in ${matter}` : 'in your matters'}${since ? ` since ${since}` : ''}.`,
  matters: (titles) => `Your matters: ${titles.join('; ')}.`,
  noMatters: () => 'I don\'t see any matters under your login.',
  contact: (matter, name, email) => `${name} is the attorney responsible for ${matter}${email ? `; you can reach them at ${email}` : ''}. I can also ask them to get back to you.`,
  noAttorney: (matter) => `No attorney is assigned to ${matter} yet. I can ask the firm to get back to you.`,
  handoffCreated: (name, due, matter) => `Done. I've asked ${name ?? 'the firm'} to get back to you about ${matter} by ${due}.`,
  handoffUnavailable: () => "I couldn't reach the firm's system just now to pass on your request. Please try again in a few minutes, or call the office.",
  handoffOffer: () => "I'm having trouble understanding you, so I'll ask a person at the firm to get back to you.",
  suggestions: {
    start: ['When is my next court date?', 'What do I owe?', 'Where does my case stand?'],
    afterHearing: ['And the balance?', 'What happens next?', 'Who is my attorney?'],
    afterBalance: ['Show my bills', 'When is my next court date?'],
    afterDocuments: ['What is new since last week?', 'Where does my case stand?'],
    afterStage: ['When is my next court date?', 'What is new since last week?'],
    handoff: ['I want to talk to my lawyer'],
  },
};
