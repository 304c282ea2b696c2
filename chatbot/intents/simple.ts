import type { IntentHandler } from './context.js';

export const greeting: IntentHandler = async (ctx) => ({
  text: ctx.messages.greeting(ctx.clientName?.split(' ')[0] ?? null), data: {}, suggestions: ctx.messages.suggestions.start,
});

export const help: IntentHandler = async (ctx) => ({ text: ctx.messages.help(), data: {}, suggestions: ctx.messages.suggestions.start });

export const outOfScope: IntentHandler = async (ctx) => ({ text: ctx.messages.outOfScope(), data: {}, suggestions: ctx.messages.suggestions.start });

/** Declined kindly, with a person offered; insisting creates the handoff (chat.ts). */
export const legalAdvice: IntentHandler = async (ctx) => ({
  text: ctx.messages.legalAdvice(), data: {}, suggestions: ctx.messages.suggestions.handoff, offersHandoff: true,
});
