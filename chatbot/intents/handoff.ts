import { formatDate } from '../answers/index.js';
import { OperationError } from '../graph.js';
import { chooseMatter, matterRef, type IntentHandler } from './context.js';

/** A person gets back to the client: a CMS task for the matter's responsible attorney. */
export const handoff: IntentHandler = async (ctx) => {
  const choice = chooseMatter(ctx, 'handoff', ctx.matters.map((m) => m.id));
  if (choice.kind === 'clarify') return choice.reply;
  if (choice.kind === 'none') return { intent: 'handoff', text: ctx.messages.noMatters(), data: {}, suggestions: ctx.messages.suggestions.start };
  const matter = choice.matter;
  const summary = `${await ctx.recentTurns()}\nClient: ${ctx.text}`.slice(-4000);
  try {
    const { requestHandoff } = await ctx.run('RequestHandoff', { matterId: matter.id, summary });
    return {
      intent: 'handoff',
      text: ctx.messages.handoffCreated(requestHandoff.assigneeName, formatDate(requestHandoff.dueAt, ctx.language, ctx.timeZone), matter.title),
      data: { matter: matterRef(matter), handoff: requestHandoff },
      matterId: matter.id,
      handoff: { taskId: requestHandoff.taskId },
      suggestions: ctx.messages.suggestions.start,
    };
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    return { intent: 'handoff', text: ctx.messages.handoffUnavailable(), data: {}, matterId: matter.id, suggestions: ctx.messages.suggestions.handoff };
  }
};
