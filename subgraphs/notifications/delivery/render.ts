import { escapeHtml, type Language } from '../../../shared/mail/index.js';
import type { DeliveryKind, Frequency } from '../entities/index.js';

/** One notification as mail shows it. */
export interface MailItem {
  matterId: string | null;
  matterNumber: string | null;
  matterTitle: string | null;
  title: string;
  body: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The header that lets mail clients offer "unsubscribe". */
  headers: Record<string, string>;
}

export interface MailBranding {
  firmName: string;
  /** Base URL of the client portal, no trailing slash. */
  portalUrl: string;
}

export const preferencesLink = (portalUrl: string) => `${portalUrl}/settings/notifications`;
export const matterLink = (portalUrl: string, matterId: string) => `${portalUrl}/matters/${encodeURIComponent(matterId)}`;

/** The words around the items, in each language a client may choose. */
const WORDS = {
  en: {
    urgent: (title: string, firm: string) => `Urgent: ${title} (${firm})`,
    oneUpdate: (title: string, firm: string) => `Case update from ${firm}: ${title}`,
    updates: (n: number, firm: string) => `${n} case updates from ${firm}`,
    digest: (daily: boolean, firm: string) => `Your ${daily ? 'daily' : 'hourly'} case update from ${firm}`,
    dear: (name: string) => `Dear ${name},`,
    intro: { DIGEST: 'Here is what changed on your matters since our last update:', URGENT: 'Something on your matter needs your attention soon:', IMMEDIATE: 'There is news on your matter:' },
    account: 'Your account',
    open: 'Open in the portal',
    why: (firm: string) => `You receive this because you are a client of ${firm}.`,
    unsubscribe: 'Change how often we write, or unsubscribe',
  },
  es: {
    urgent: (title: string, firm: string) => `Urgente: ${title} (${firm})`,
    oneUpdate: (title: string, firm: string) => `Novedad de su caso de ${firm}: ${title}`,
    updates: (n: number, firm: string) => `${n} novedades de su caso de ${firm}`,
    digest: (daily: boolean, firm: string) => `Su resumen ${daily ? 'diario' : 'horario'} del caso de ${firm}`,
    dear: (name: string) => `Estimado/a ${name}:`,
    intro: { DIGEST: 'Esto es lo que ha cambiado en sus asuntos desde nuestra última comunicación:', URGENT: 'Hay algo en su asunto que requiere pronto su atención:', IMMEDIATE: 'Hay novedades en su asunto:' },
    account: 'Su cuenta',
    open: 'Abrir en el portal',
    why: (firm: string) => `Recibe este mensaje porque es cliente de ${firm}.`,
    unsubscribe: 'Cambiar la frecuencia de nuestros mensajes o darse de baja',
  },
} as const satisfies Record<Language, unknown>;

function subjectOf(kind: DeliveryKind, frequency: Frequency, items: readonly MailItem[], firm: string, language: Language): string {
  const words = WORDS[language];
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 150);
  if (kind === 'URGENT') return words.urgent(oneLine(items[0]!.title), firm);
  if (kind === 'IMMEDIATE') return items.length === 1 ? words.oneUpdate(oneLine(items[0]!.title), firm) : words.updates(items.length, firm);
  return words.digest(frequency === 'DAILY', firm);
}

/** Items grouped by matter, matters in order of their first item. */
function byMatter(items: readonly MailItem[], account: string): Array<{ key: string; heading: string; matterId: string | null; items: MailItem[] }> {
  const groups = new Map<string, { key: string; heading: string; matterId: string | null; items: MailItem[] }>();
  for (const item of items) {
    const key = item.matterId ?? '';
    let group = groups.get(key);
    if (!group) {
      const heading = item.matterTitle ? `${item.matterTitle}${item.matterNumber ? ` (${item.matterNumber})` : ''}` : item.matterNumber ?? account;
      groups.set(key, group = { key, heading, matterId: item.matterId, items: [] });
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

/**
 * A digest or an immediate message in the client's language: text and HTML, grouped by matter,
 * links to the portal and to the preferences. The items are already in that language (claim.ts).
 */
export function renderMail(
  kind: DeliveryKind, frequency: Frequency, recipientName: string, items: readonly MailItem[], brand: MailBranding, language: Language = 'en',
): RenderedMail {
  const words = WORDS[language];
  const groups = byMatter(items, words.account);
  const prefs = preferencesLink(brand.portalUrl);
  const intro = words.intro[kind];
  const subject = subjectOf(kind, frequency, items, brand.firmName, language);
  const text = [
    words.dear(recipientName), '', intro, '',
    ...groups.flatMap((g) => [
      g.heading,
      ...g.items.map((i) => `  • ${i.title}${i.body ? `: ${i.body}` : ''}`),
      ...(g.matterId ? [`  ${words.open}: ${matterLink(brand.portalUrl, g.matterId)}`] : []),
      '',
    ]),
    `${brand.firmName}`, '',
    `${words.why(brand.firmName)} ${words.unsubscribe}: ${prefs}`,
  ].join('\n');
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.4;color:#222">
<p>${escapeHtml(words.dear(recipientName))}</p>
<p>${escapeHtml(intro)}</p>
${groups.map((g) => `<h3 style="margin-bottom:4px">${g.matterId ? `<a href="${escapeHtml(matterLink(brand.portalUrl, g.matterId))}">${escapeHtml(g.heading)}</a>` : escapeHtml(g.heading)}</h3>
<ul>${g.items.map((i) => `<li><strong>${escapeHtml(i.title)}</strong>${i.body ? `: ${escapeHtml(i.body)}` : ''}</li>`).join('')}</ul>`).join('\n')}
<p>${escapeHtml(brand.firmName)}</p>
<p style="font-size:small;color:#666">${escapeHtml(words.why(brand.firmName))}
<a href="${escapeHtml(prefs)}">${escapeHtml(words.unsubscribe)}</a>.</p>
</body></html>`;
  return { subject, text, html, headers: { 'List-Unsubscribe': `<${prefs}>` } };
}
