import { STAGE_WORDS, formatDate } from '../answers/index.js';
import { chooseMatter, matterRef, type IntentHandler } from './context.js';

/** Where the matter stands and what happens next, in plain words for its official stage. */
export const stage: IntentHandler = async (ctx) => {
  const { matters } = await ctx.run('MatterStages', {});
  const choice = chooseMatter(ctx, 'stage', matters.map((m) => m.id));
  if (choice.kind === 'clarify') return choice.reply;
  const matter = choice.kind === 'matter' ? matters.find((m) => m.id === choice.matter.id) : undefined;
  if (!matter) return { text: ctx.messages.noMatters(), data: {}, suggestions: ctx.messages.suggestions.start };
  const words = STAGE_WORDS[ctx.language][matter.stage];
  const reached = [...matter.stageHistory].reverse().find((t) => t.to === matter.stage);
  const latest = matter.updates[0] ?? null;
  return {
    text: ctx.messages.stage(
      matter.title,
      words ? `${words.now}. ${words.next}` : matter.stage,
      reached ? formatDate(reached.at, ctx.language, ctx.timeZone) : null,
      latest ? latest.title : null,
    ),
    data: { matter: { ...matterRef(matter), stage: matter.stage, stageSince: reached?.at ?? null, latestUpdate: latest } },
    matterId: matter.id,
    suggestions: ctx.messages.suggestions.afterStage,
  };
};
