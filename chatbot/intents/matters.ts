import { matterRef, type IntentHandler } from './context.js';

/** The caller's matters, from the list every turn already has (ChatMatters). */
export const matters: IntentHandler = async (ctx) => {
  if (ctx.matters.length === 0) return { text: ctx.messages.noMatters(), data: { matters: [] }, suggestions: ctx.messages.suggestions.handoff };
  return {
    text: ctx.messages.matters(ctx.matters.map((m) => `${m.title} (${m.number})`)),
    data: { matters: ctx.matters.map(matterRef) },
    suggestions: ctx.messages.suggestions.start,
  };
};
