import { formatMoney } from '../answers/index.js';
import { focusMatter, matterRef, type IntentHandler } from './context.js';

/** What is owed: on the matter in question, else per matter and in total, exact to the cent. */
export const balance: IntentHandler = async (ctx) => {
  const { me, matters } = await ctx.run('Balances', {});
  const focus = focusMatter(ctx);
  const money = (m: { amount: string; currency: string }) => formatMoney(m.amount, m.currency, ctx.language);
  if (focus) {
    const matter = matters.find((m) => m.id === focus.id);
    if (matter) {
      return {
        text: ctx.messages.balance([{ matter: matter.title, amount: money(matter.balance) }], null),
        data: { matter: { ...matterRef(matter), balance: matter.balance } },
        matterId: matter.id,
        suggestions: ctx.messages.suggestions.afterBalance,
      };
    }
  }
  const total = me.client?.balance ?? null;
  const lines = matters.map((m) => ({ matter: m.title, amount: money(m.balance) }));
  if (matters.length === 0) return { text: ctx.messages.noMatters(), data: {}, suggestions: ctx.messages.suggestions.start };
  return {
    text: ctx.messages.balance(lines, total ? money(total) : lines.length === 1 ? null : '—'),
    data: { total, matters: matters.map((m) => ({ ...matterRef(m), balance: m.balance })) },
    suggestions: ctx.messages.suggestions.afterBalance,
  };
};
