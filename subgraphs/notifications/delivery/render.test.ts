/** What a client reads: the right subject for the kind of message, their matters, nothing unescaped. */
import { renderMail } from './render.js';

const brand = { firmName: 'Smith & Jones LLP', portalUrl: 'https://portal.example' };
const item = (title: string, matterId: string | null = '501') =>
  ({ matterId, matterNumber: matterId ? `00${matterId}-Martin` : null, matterTitle: matterId ? `Matter <${matterId}>` : null, title, body: 'Details & more.' });

describe('notification mail', () => {
  it('names the digest after the client\'s frequency and urgent mail after its news', () => {
    expect(renderMail('DIGEST', 'HOURLY', 'Ava', [item('A')], brand).subject).toBe('Your hourly case update from Smith & Jones LLP');
    expect(renderMail('DIGEST', 'DAILY', 'Ava', [item('A')], brand).subject).toBe('Your daily case update from Smith & Jones LLP');
    expect(renderMail('URGENT', 'DAILY', 'Ava', [item('Hearing moved\r\nto Monday')], brand).subject).toBe('Urgent: Hearing moved to Monday (Smith & Jones LLP)');
    expect(renderMail('IMMEDIATE', 'IMMEDIATE', 'Ava', [item('A'), item('B')], brand).subject).toBe('2 case updates from Smith & Jones LLP');
  });

  it('escapes everything it puts in HTML and links each matter and the preferences', () => {
    const mail = renderMail('DIGEST', 'HOURLY', 'Ava <script>', [item('<b>A</b>'), item('Account note', null)], brand);
    expect(mail.html).not.toMatch(/<script>|<b>A<\/b>|Matter <501>/);
    expect(mail.html).toContain('&lt;b&gt;A&lt;/b&gt;');
    expect(mail.html).toContain('href="https://portal.example/matters/501"');
    expect(mail.text).toContain('Your account\n  • Account note: Details & more.');
    expect(mail.headers['List-Unsubscribe']).toBe('<https://portal.example/settings/notifications>');
  });

  it('writes the words around the news in the client\'s language', () => {
    const mail = renderMail('DIGEST', 'DAILY', 'Ava', [item('Factura INV-7: 1234,50 US$'), item('Nota', null)], brand, 'es');
    expect(mail.subject).toBe('Su resumen diario del caso de Smith & Jones LLP');
    expect(mail.text).toMatch(/^Estimado\/a Ava:\n\nEsto es lo que ha cambiado/);
    expect(mail.text).toContain('Su cuenta\n  • Nota: Details & more.');
    expect(mail.text).toContain('Abrir en el portal: https://portal.example/matters/501');
    expect(mail.html).toContain('<html lang="es">');
    expect(renderMail('URGENT', 'HOURLY', 'Ava', [item('Vista mañana')], brand, 'es').subject).toBe('Urgente: Vista mañana (Smith & Jones LLP)');
  });
});
