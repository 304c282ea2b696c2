import { formatDateTime } from '../answers/index.js';
import { fold } from '../language.js';
import { chooseMatter, matterRef, type IntentHandler } from './context.js';

/** The next court date (hearing or trial; a deposition when the question asks for one). */
export const nextHearing: IntentHandler = async (ctx) => {
  const { matters } = await ctx.run('MatterEvents', {});
  const wantsDeposition = /\b(depo\w*|declaraci\w*)\b/.test(fold(ctx.text));
  const eventOf = (m: (typeof matters)[number]) => (wantsDeposition ? m.events.find((e) => e.kind === 'DEPOSITION') ?? null : m.nextHearing);
  const choice = chooseMatter(ctx, 'next_hearing', matters.filter((m) => eventOf(m)).map((m) => m.id));
  if (choice.kind === 'clarify') return choice.reply;
  if (choice.kind === 'none') return { text: ctx.messages.noHearing(null), data: { matters: matters.map((m) => ({ ...matterRef(m), nextHearing: null })) }, suggestions: ctx.messages.suggestions.afterHearing };
  const matter = matters.find((m) => m.id === choice.matter.id);
  const event = matter ? eventOf(matter) : null;
  if (!matter || !event) return { text: ctx.messages.noHearing(choice.matter.title), data: { matter: { ...matterRef(choice.matter), nextHearing: null } }, matterId: choice.matter.id, suggestions: ctx.messages.suggestions.afterHearing };
  return {
    text: ctx.messages.nextHearing(matter.title, { title: event.title, when: formatDateTime(event.startsAt, ctx.language, ctx.timeZone), location: event.location }),
    data: { matter: { ...matterRef(matter), nextHearing: event } },
    matterId: matter.id,
    suggestions: ctx.messages.suggestions.afterHearing,
  };
};
