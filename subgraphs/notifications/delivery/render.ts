import { escapeHtml } from '../../../shared/mail/index.js';
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

function subjectOf(kind: DeliveryKind, frequency: Frequency, items: readonly MailItem[], firm: string): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 150);
  if (kind === 'URGENT') return `Urgent: ${oneLine(items[0]!.title)} (${firm})`;
  if (kind === 'IMMEDIATE') return items.length === 1 ? `Case update from ${firm}: ${oneLine(items[0]!.title)}` : `${items.length} case updates from ${firm}`;
  return `Your ${frequency === 'DAILY' ? 'daily' : 'hourly'} case update from ${firm}`;
}

/** Items grouped by matter, matters in order of their first item. */
function byMatter(items: readonly MailItem[]): Array<{ key: string; heading: string; matterId: string | null; items: MailItem[] }> {
  const groups = new Map<string, { key: string; heading: string; matterId: string | null; items: MailItem[] }>();
  for (const item of items) {
    const key = item.matterId ?? '';
    let group = groups.get(key);
    if (!group) {
      const heading = item.matterTitle ? `${item.matterTitle}${item.matterNumber ? ` (${item.matterNumber})` : ''}` : item.matterNumber ?? 'Your account';
      groups.set(key, group = { key, heading, matterId: item.matterId, items: [] });
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

/** A digest or an immediate message: text and HTML, grouped by matter, links to the portal and to the preferences. */
export function renderMail(
  kind: DeliveryKind, frequency: Frequency, recipientName: string, items: readonly MailItem[], brand: MailBranding,
): RenderedMail {
  const groups = byMatter(items);
  const prefs = preferencesLink(brand.portalUrl);
  const intro = kind === 'DIGEST' ? 'Here is what changed on your matters since our last update:'
    : kind === 'URGENT' ? 'Something on your matter needs your attention soon:' : 'There is news on your matter:';
  const text = [
    `Dear ${recipientName},`, '', intro, '',
    ...groups.flatMap((g) => [
      g.heading,
      ...g.items.map((i) => `  • ${i.title}${i.body ? `: ${i.body}` : ''}`),
      ...(g.matterId ? [`  Open in the portal: ${matterLink(brand.portalUrl, g.matterId)}`] : []),
      '',
    ]),
    `${brand.firmName}`, '',
    `You receive this because you are a client of ${brand.firmName}. Change how often we write, or unsubscribe: ${prefs}`,
  ].join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subjectOf(kind, frequency, items, brand.firmName))}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.4;color:#222">
<p>Dear ${escapeHtml(recipientName)},</p>
<p>${escapeHtml(intro)}</p>
${groups.map((g) => `<h3 style="margin-bottom:4px">${g.matterId ? `<a href="${escapeHtml(matterLink(brand.portalUrl, g.matterId))}">${escapeHtml(g.heading)}</a>` : escapeHtml(g.heading)}</h3>
<ul>${g.items.map((i) => `<li><strong>${escapeHtml(i.title)}</strong>${i.body ? `: ${escapeHtml(i.body)}` : ''}</li>`).join('')}</ul>`).join('\n')}
<p>${escapeHtml(brand.firmName)}</p>
<p style="font-size:small;color:#666">You receive this because you are a client of ${escapeHtml(brand.firmName)}.
<a href="${escapeHtml(prefs)}">Change how often we write, or unsubscribe</a>.</p>
</body></html>`;
  return { subject: subjectOf(kind, frequency, items, brand.firmName), text, html, headers: { 'List-Unsubscribe': `<${prefs}>` } };
}
