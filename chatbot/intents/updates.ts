import { formatDate } from '../answers/index.js';
import { focusMatter, matterRef, type IntentHandler } from './context.js';

const LATEST = 3;
const MAX_TOLD = 5;

/** What is new: the client-facing updates since the date the question gives (else the latest few). */
export const updates: IntentHandler = async (ctx) => {
  const { matters } = await ctx.run('MatterStages', {});
  const since = ctx.dates.since(ctx.text, ctx.language, ctx.now);
  const focus = focusMatter(ctx);
  const scope = focus ? matters.filter((m) => m.id === focus.id) : matters;
  const all = scope.flatMap((m) => m.updates.map((u) => ({ matter: m, update: u })))
    .sort((a, b) => Date.parse(b.update.at) - Date.parse(a.update.at));
  const chosen = since ? all.filter(({ update }) => Date.parse(update.at) >= since.getTime()) : all.slice(0, LATEST);
  const sinceText = since ? formatDate(since.toISOString().slice(0, 10), ctx.language, ctx.timeZone) : null;
  const title = focus?.title ?? null;
  if (chosen.length === 0) return { text: ctx.messages.noUpdates(title, sinceText), data: { since: since?.toISOString() ?? null, updates: [] }, suggestions: ctx.messages.suggestions.afterStage };
  const told = chosen.slice(0, MAX_TOLD);
  return {
    text: ctx.messages.updates(title, told.map(({ matter, update }) => ({
      when: formatDate(update.at, ctx.language, ctx.timeZone),
      title: focus || scope.length === 1 ? update.title : `${update.title} (${matter.title})`,
    })), sinceText, chosen.length - told.length),
    data: { since: since?.toISOString() ?? null, updates: told.map(({ matter, update }) => ({ matter: matterRef(matter), ...update })) },
    ...(focus ? { matterId: focus.id } : {}),
    suggestions: ctx.messages.suggestions.afterStage,
  };
};
