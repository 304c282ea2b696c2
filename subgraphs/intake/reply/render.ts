import type { Routing } from '../routing/engine.js';
import type { Language } from '../routing/vocabulary.js';
import { timeZoneOfState } from '../us-states.js';
import { preparationFor } from './prepare.js';

export interface ReplyInput {
  firstName: string;
  practiceArea: string;
  language: Language;
  state: string | null;
  routing: Routing;
  dueAt: Date;
  firmName: string;
}

/** The deadline as the prospect reads it: their state's time zone, their language. */
export function formatDeadline(dueAt: Date, state: string | null, language: Language): string {
  return new Intl.DateTimeFormat(language === 'es' ? 'es-US' : 'en-US', {
    timeZone: timeZoneOfState(state), weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
  }).format(dueAt);
}

/**
 * The reply a prospect gets within seconds: who will call (team, office, attorney), by when, and
 * what to prepare. A conflict gets the neutral reply, which promises nothing.
 */
export function renderReply(input: ReplyInput): { subject: string; text: string } {
  const { routing, language, firmName } = input;
  const deadline = formatDeadline(input.dueAt, input.state, language);
  const person = routing.assignee ?? routing.responsibleAttorney;
  const team = routing.office ? `${routing.team} (${routing.office})` : routing.team;
  if (routing.reply === 'neutral') {
    return language === 'es'
      ? { subject: `${firmName}: recibimos su consulta`, text: `Estimado/a ${input.firstName}:\n\nRecibimos su consulta. Antes de poder hablar sobre su asunto debemos hacer una revisión interna. Nuestro equipo de admisión (${team}) le escribirá antes del ${deadline} para decirle cómo seguir.\n\nEste mensaje no crea una relación abogado-cliente.\n\n${firmName}\n` }
      : { subject: `${firmName}: we received your inquiry`, text: `Dear ${input.firstName},\n\nWe received your inquiry. Before we can discuss your matter we must complete an internal review. Our intake team (${team}) will write to you by ${deadline} about the next step.\n\nThis message does not create an attorney-client relationship.\n\n${firmName}\n` };
  }
  const items = preparationFor(input.practiceArea, language).map((item) => `  - ${item}`).join('\n');
  if (language === 'es') {
    return {
      subject: `${firmName}: ${person ?? 'nuestro equipo'} le llamará antes del ${deadline}`,
      text: `Estimado/a ${input.firstName}:\n\nGracias por contarnos lo ocurrido. Su consulta de ${input.practiceArea} está con nuestro equipo ${team}.`
        + `${routing.responsibleAttorney ? ` La abogada o el abogado responsable es ${routing.responsibleAttorney}.` : ''}`
        + `\n\n${person ?? 'Nuestro equipo'} le llamará antes del ${deadline}.\n\nPara esa llamada, tenga a mano:\n${items}\n\nEste mensaje no crea una relación abogado-cliente.\n\n${firmName}\n`,
    };
  }
  return {
    subject: `${firmName}: ${person ?? 'our team'} will call you by ${deadline}`,
    text: `Dear ${input.firstName},\n\nThank you for telling us what happened. Your ${input.practiceArea} inquiry is with our ${team} team.`
      + `${routing.responsibleAttorney ? ` Your responsible attorney is ${routing.responsibleAttorney}.` : ''}`
      + `\n\n${person ?? 'Our team'} will call you by ${deadline}.\n\nFor that call, please have ready:\n${items}\n\nThis message does not create an attorney-client relationship.\n\n${firmName}\n`,
  };
}

/** The escalation a team lead gets when a lead's follow-up task is late. */
export function renderEscalation(input: { leadName: string; practiceArea: string; routing: Routing; dueAt: Date; now: Date; cmsTaskId: string | null; firmName: string }): { subject: string; text: string } {
  const lateMinutes = Math.max(1, Math.round((input.now.getTime() - input.dueAt.getTime()) / 60_000));
  const late = lateMinutes >= 120 ? `${Math.round(lateMinutes / 60)} hours` : `${lateMinutes} minute${lateMinutes === 1 ? '' : 's'}`;
  return {
    subject: `Intake SLA missed: ${input.leadName} (${input.practiceArea}) is ${late} late`,
    text: `The follow-up of the lead ${input.leadName} (${input.practiceArea}, team ${input.routing.team}) was due at ${input.dueAt.toISOString()} and is ${late} late.`
      + `\nAssignee: ${input.routing.assignee ?? 'none'}. CMS task: ${input.cmsTaskId ?? 'none'}.\n\nPlease call the prospect and complete the task in the CMS.\n\n${input.firmName} intake\n`,
  };
}
