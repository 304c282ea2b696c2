import { formatDateTime } from '../answers/index.js';
import { focusMatter, matterRef, type IntentHandler } from './context.js';

const MAX_EVENTS = 5;

/** What is coming up: hearings, depositions, meetings and deadlines, soonest first. */
export const upcomingEvents: IntentHandler = async (ctx) => {
  const { matters } = await ctx.run('MatterEvents', {});
  const focus = focusMatter(ctx);
  const scope = focus ? matters.filter((m) => m.id === focus.id) : matters;
  const events = scope.flatMap((m) => m.events.map((e) => ({ matter: m, event: e })))
    .sort((a, b) => Date.parse(a.event.startsAt) - Date.parse(b.event.startsAt)).slice(0, MAX_EVENTS);
  const title = focus?.title ?? null;
  if (events.length === 0) return { text: ctx.messages.noEvents(title), data: { matters: scope.map((m) => ({ ...matterRef(m), events: [] })) }, suggestions: ctx.messages.suggestions.afterHearing };
  return {
    text: ctx.messages.upcomingEvents(title, events.map(({ matter, event }) => ({
      title: focus || scope.length === 1 ? event.title : `${event.title} (${matter.title})`,
      when: formatDateTime(event.startsAt, ctx.language, ctx.timeZone),
      location: event.location,
    }))),
    data: { events: events.map(({ matter, event }) => ({ matter: matterRef(matter), ...event })) },
    ...(focus ? { matterId: focus.id } : {}),
    suggestions: ctx.messages.suggestions.afterHearing,
  };
};
