import { useI18n } from '../../lib/i18n';
import type { MatterDetail, Money } from '../matters/queries';

/** Invoices with what is paid (total minus balance) and the matter's balance. */
export function Invoices({ invoices, balance }: { invoices: MatterDetail['invoices']; balance: Money }) {
  const { t, date, money } = useI18n();
  return (
    <section aria-labelledby="billing-title" className="card">
      <h2 id="billing-title">{t.billing}</h2>
      {invoices.length === 0 && <p>{t.noInvoices}</p>}
      {invoices.length > 0 && (
        <table>
          <thead><tr><th scope="col">{t.invoice}</th><th scope="col">{t.total}</th><th scope="col">{t.paid}</th><th scope="col">{t.balance}</th></tr></thead>
          <tbody>
            {invoices.map((i) => (
              <tr key={i.id}>
                <td>{i.number} <span className="muted">({date(i.issuedAt)})</span></td>
                <td>{money(i.total.amount, i.total.currency)}</td>
                <td>{money(String(Number(i.total.amount) - Number(i.balance.amount)), i.total.currency)}</td>
                <td>{money(i.balance.amount, i.balance.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p><strong>{t.balance}:</strong> {money(balance.amount, balance.currency)}</p>
    </section>
  );
}
