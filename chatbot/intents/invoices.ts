import { formatDate, formatMoney } from '../answers/index.js';
import { focusMatter, matterRef, type IntentHandler } from './context.js';

/** The bills: of the matter in question, else all of them (a bill covering several matters once). */
export const invoices: IntentHandler = async (ctx) => {
  const { matters } = await ctx.run('Invoices', {});
  const focus = focusMatter(ctx);
  const scope = focus ? matters.filter((m) => m.id === focus.id) : matters;
  const seen = new Set<string>();
  const bills: Array<{ matter: (typeof scope)[number]; invoice: (typeof scope)[number]['invoices'][number] }> = [];
  for (const matter of scope) {
    for (const invoice of matter.invoices) {
      if (seen.has(invoice.number)) continue;
      seen.add(invoice.number);
      bills.push({ matter, invoice });
    }
  }
  if (bills.length === 0) return { text: ctx.messages.noInvoices(focus?.title ?? null), data: { invoices: [] }, suggestions: ctx.messages.suggestions.afterBalance };
  const money = (m: { amount: string; currency: string }) => formatMoney(m.amount, m.currency, ctx.language);
  return {
    text: ctx.messages.invoices(bills.map(({ matter, invoice }) => ({
      matter: matter.title, number: invoice.number, issued: formatDate(invoice.issuedAt, ctx.language, ctx.timeZone),
      total: money(invoice.total), balance: money(invoice.balance), status: ctx.messages.invoiceStatus(invoice.status),
    }))),
    data: { invoices: bills.map(({ matter, invoice }) => ({ matter: matterRef(matter), ...invoice })) },
    ...(focus ? { matterId: focus.id } : {}),
    suggestions: ctx.messages.suggestions.afterBalance,
  };
};
