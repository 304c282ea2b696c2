import { chooseMatter, matterRef, type IntentHandler } from './context.js';

/** Who the responsible attorney is and how to reach them; asks which matter only when the answer differs. */
export const contact: IntentHandler = async (ctx) => {
  const { matters } = await ctx.run('Contacts', {});
  const attorneys = new Set(matters.map((m) => m.responsibleAttorney?.email ?? m.responsibleAttorney?.name ?? null));
  const candidates = attorneys.size === 1 ? matters.slice(0, 1) : matters;
  const choice = chooseMatter(ctx, 'contact', candidates.map((m) => m.id));
  if (choice.kind === 'clarify') return choice.reply;
  const matter = choice.kind === 'matter' ? matters.find((m) => m.id === choice.matter.id) : undefined;
  if (!matter) return { text: ctx.messages.noMatters(), data: {}, suggestions: ctx.messages.suggestions.start };
  const attorney = matter.responsibleAttorney;
  return {
    text: attorney ? ctx.messages.contact(matter.title, attorney.name, attorney.email) : ctx.messages.noAttorney(matter.title),
    data: { matter: { ...matterRef(matter), responsibleAttorney: attorney } },
    matterId: matter.id,
    suggestions: ctx.messages.suggestions.handoff,
    offersHandoff: true,
  };
};
