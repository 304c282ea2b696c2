import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Config } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import type { Principal } from '../../shared/auth/principal.js';
import { AccountRow } from '../../shared/auth/Account.js';
import { InvitationRow } from '../../shared/auth/Invitation.js';
import { normalizeEmail } from '../../shared/auth/accounts.js';
import { badUserInput, forbidden } from '../../shared/errors.js';
import { clientLanguage, escapeHtml, type Language, type Mailer } from '../../shared/mail/index.js';
import type { MattersLoaders } from './loaders.js';
import type { Invitation } from './generated/resolvers.js';


/** What `Mutation.inviteClient` answers: the SDL's Invitation. */
export type InvitationSent = Invitation;

export interface Invitations {
  invite(principal: Principal, loaders: MattersLoaders, clientId: string): Promise<InvitationSent>;
}

/**
 * Invitations of client contacts to the portal: a random 32-byte token, of which only the sha256
 * is stored, mailed as a one-time link to the gateway's set-password page.
 */
export function createInvitations(deps: { config: Config; dataSource: DataSource; logger: Logger; mailer: Mailer }): Invitations {
  const { config, dataSource, logger, mailer } = deps;
  return {
    async invite(principal, loaders, clientId) {
      if (principal.role === 'CLIENT') throw forbidden('Only staff can invite clients.');
      // Scoped like every read of this context: staff see the clients of their matters, admins all.
      const client = await loaders.clientById.load(clientId);
      if (!client) throw badUserInput(`There is no client ${clientId} among the clients you can see.`, 'clientId');
      if (!client.email) throw badUserInput(`${client.name} has no email address in the CMS: add one there, then invite them.`, 'clientId');
      const email = normalizeEmail(client.email);
      const existing = await dataSource.getRepository(AccountRow).findOne({ where: [{ clientId: client.id }, { email }] });
      if (existing) throw badUserInput(`${client.name} already has a portal login.`, 'clientId');

      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + config.invitationTtlHours * 3_600_000);
      const tokenHash = createHash('sha256').update(token, 'utf8').digest('hex');
      const invitations = dataSource.getRepository(InvitationRow);
      await invitations.insert({ tokenHash, email, clientId: client.id, invitedBy: principal.accountId, expiresAt });
      const link = `${config.publicUrl}/auth/set-password?token=${token}`;
      try {
        const language = await clientLanguage(dataSource, client.id);
        await mailer.send({ to: email, ...invitationMail(client.name, config.mail.firmName, link, config.invitationTtlHours, language) });
      } catch (error) {
        // Not mailed, so never usable: no invitation is left behind that nobody received.
        await invitations.delete({ tokenHash });
        throw error;
      }
      logger.info({ clientId: client.id, invitedBy: principal.accountId }, 'client invited to the portal');
      return { email, expiresAt };
    },
  };
}

const INVITATION = {
  en: {
    validity: (ttlHours: number) => (ttlHours % 24 === 0 ? `${ttlHours / 24} day${ttlHours === 24 ? '' : 's'}` : `${ttlHours} hours`),
    subject: (firm: string) => `Your ${firm} client portal`,
    dear: (name: string) => `Dear ${name},`,
    invites: (firm: string) => `${firm} invites you to its client portal, where you can follow your matters, documents and bills.`,
    setPassword: 'Set your password',
    works: (validity: string) => `the link works once, for ${validity}`,
    ignore: 'If you did not expect this message, ignore it.',
  },
  es: {
    validity: (ttlHours: number) => (ttlHours % 24 === 0 ? `${ttlHours / 24} día${ttlHours === 24 ? '' : 's'}` : `${ttlHours} horas`),
    subject: (firm: string) => `Su portal de cliente de ${firm}`,
    dear: (name: string) => `Estimado/a ${name}:`,
    invites: (firm: string) => `${firm} le invita a su portal de cliente, donde puede seguir sus asuntos, documentos y facturas.`,
    setPassword: 'Establezca su contraseña',
    works: (validity: string) => `el enlace funciona una sola vez, durante ${validity}`,
    ignore: 'Si no esperaba este mensaje, ignórelo.',
  },
} as const satisfies Record<Language, unknown>;

function invitationMail(name: string, firmName: string, link: string, ttlHours: number, language: Language) {
  const words = INVITATION[language];
  const validity = words.validity(ttlHours);
  const subject = words.subject(firmName);
  const text = `${words.dear(name)}\n\n${words.invites(firmName)}\n\n${words.setPassword} (${words.works(validity)}):\n${link}\n\n`
    + `${words.ignore}\n\n${firmName}\n`;
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif"><p>${escapeHtml(words.dear(name))}</p>`
    + `<p>${escapeHtml(words.invites(firmName))}</p>`
    + `<p><a href="${escapeHtml(link)}">${escapeHtml(words.setPassword)}</a> (${escapeHtml(words.works(validity))}).</p>`
    + `<p>${escapeHtml(words.ignore)}</p><p>${escapeHtml(firmName)}</p></body></html>`;
  return { subject, text, html };
}
