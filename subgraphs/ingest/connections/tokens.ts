import type { DataSource, EntityManager } from 'typeorm';
import type { ClioConnectionConfig } from '../../../shared/clio-config.js';
import type { TokenProvider } from '../../../shared/legacy-http/index.js';
import type { Logger } from '../../../shared/logger.js';
import { InvalidGrantError, refreshGrant, type TokenAnswer } from './clio-oauth.js';
import type { ConnectionStatus } from './LegacyConnection.js';
import { decryptSecret, encryptSecret } from './secrets.js';

export const CLIO_PROVIDER = 'clio';

/** The legacy systems are not reachable through the connection: not connected yet, or revoked. */
export class ConnectionUnavailableError extends Error {
  override name = 'ConnectionUnavailableError';
}

/** Refresh this long before expiry (at most half the token's lifetime). */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A 401 to a token issued this recently is not expiry: the firm revoked access. */
const FRESH_TOKEN_MS = 60_000;

interface StoredRow {
  status: ConnectionStatus;
  access_token: string | null;
  refresh_token: string | null;
  expires_at: Date | null;
  refreshed_at: Date | null;
}

const SELECT = `SELECT status, access_token, refresh_token, expires_at, refreshed_at FROM "sync"."legacy_connections" WHERE provider = $1`;

export async function connectionStatus(dataSource: DataSource | EntityManager, provider: string): Promise<ConnectionStatus> {
  const rows: StoredRow[] = await dataSource.query(SELECT, [provider]);
  return rows[0]?.status ?? 'NOT_CONNECTED';
}

/** Stores a new grant (a first connection or a reconnection): CONNECTED, tokens encrypted. */
export async function storeGrant(manager: DataSource | EntityManager, options: { provider: string; key: Buffer; answer: TokenAnswer; accountId: string | null }): Promise<void> {
  const { answer, key } = options;
  if (!answer.refresh_token) throw new Error('The provider gave no refresh token: casebridge could not stay connected.');
  await manager.query(
    `INSERT INTO "sync"."legacy_connections" (provider, status, access_token, refresh_token, expires_at, connected_at, connected_by, refreshed_at, revoked_at, revocation_notified_at)
     VALUES ($1, 'CONNECTED', $2, $3, now() + make_interval(secs => $4), now(), $5, now(), NULL, NULL)
     ON CONFLICT (provider) DO UPDATE SET status = 'CONNECTED', access_token = $2, refresh_token = $3, expires_at = now() + make_interval(secs => $4),
       connected_at = now(), connected_by = $5, refreshed_at = now(), revoked_at = NULL, revocation_notified_at = NULL`,
    [options.provider, encryptSecret(answer.access_token, key), encryptSecret(answer.refresh_token, key), answer.expires_in, options.accountId],
  );
}

/** Flips a connection to REVOKED (tokens dropped); true for the one caller that flipped it. */
export async function markRevoked(dataSource: DataSource, provider: string): Promise<boolean> {
  const [rows] = await dataSource.query(
    `UPDATE "sync"."legacy_connections" SET status = 'REVOKED', revoked_at = now(), access_token = NULL, refresh_token = NULL
     WHERE provider = $1 AND status = 'CONNECTED' RETURNING provider`,
    [provider],
  );
  return Array.isArray(rows) && rows.length > 0;
}

function expiring(row: StoredRow, now: number): boolean {
  if (!row.expires_at) return true;
  const expires = row.expires_at.getTime();
  const lifetime = row.refreshed_at ? expires - row.refreshed_at.getTime() : REFRESH_MARGIN_MS * 2;
  return expires - now <= Math.min(REFRESH_MARGIN_MS, lifetime / 2);
}

type Refreshed = { token: string } | { revoked: true } | { unavailable: ConnectionStatus };

/**
 * The current access token of a provider's connection, for the legacy HTTP client: refreshed
 * before expiry, and on a 401, by one process at a time (the row is locked while Clio rotates the
 * refresh token, and the new one is stored in that same transaction). `invalid_grant`, or a 401
 * to a token just issued, marks the connection REVOKED and calls `onRevoked` once.
 */
export function connectionTokenProvider(options: {
  dataSource: DataSource;
  clio: ClioConnectionConfig;
  provider?: string;
  logger: Logger;
  onRevoked: () => Promise<void>;
}): TokenProvider {
  const { dataSource, clio, logger } = options;
  const provider = options.provider ?? CLIO_PROVIDER;
  const key = clio.secretsKey;

  const refresh = (seen: string | null): Promise<Refreshed> =>
    dataSource.transaction(async (manager): Promise<Refreshed> => {
      const rows: StoredRow[] = await manager.query(`${SELECT} FOR UPDATE`, [provider]);
      const row = rows[0];
      if (!row || row.status !== 'CONNECTED' || !row.access_token || !row.refresh_token) return { unavailable: row?.status ?? 'NOT_CONNECTED' };
      const access = decryptSecret(row.access_token, key);
      // Another refresher got here first: its token is the one to use.
      if (seen === null ? !expiring(row, Date.now()) : access !== seen) return { token: access };
      // A 401 to a token issued moments ago and far from expiry is no expiry: access was revoked.
      const now = Date.now();
      if (seen !== null && row.refreshed_at && row.expires_at && now - row.refreshed_at.getTime() < FRESH_TOKEN_MS && row.expires_at.getTime() - now > FRESH_TOKEN_MS) return { revoked: true };
      let answer: TokenAnswer;
      try {
        answer = await refreshGrant(clio, decryptSecret(row.refresh_token, key));
      } catch (error) {
        if (error instanceof InvalidGrantError) return { revoked: true };
        throw error;
      }
      const nextRefresh = answer.refresh_token ?? decryptSecret(row.refresh_token, key);
      await manager.query(
        `UPDATE "sync"."legacy_connections" SET access_token = $2, refresh_token = $3, expires_at = now() + make_interval(secs => $4), refreshed_at = now() WHERE provider = $1`,
        [provider, encryptSecret(answer.access_token, key), encryptSecret(nextRefresh, key), answer.expires_in],
      );
      logger.info({ provider }, 'connection token refreshed');
      return { token: answer.access_token };
    });

  const settle = async (result: Refreshed): Promise<string> => {
    if ('token' in result) return result.token;
    if ('revoked' in result) {
      if (await markRevoked(dataSource, provider)) {
        logger.warn({ provider }, 'the firm revoked casebridge\'s access: sync of its systems stops until an admin connects again');
        await options.onRevoked().catch((error: unknown) => logger.error({ err: error, provider }, 'could not tell the admins of the revoked connection'));
      }
      throw new ConnectionUnavailableError(`The ${provider} connection was revoked: an admin must connect again (GET /connect/${provider}).`);
    }
    throw new ConnectionUnavailableError(`The ${provider} connection is ${result.unavailable}: an admin must connect (GET /connect/${provider}).`);
  };

  return {
    async current() {
      const rows: StoredRow[] = await dataSource.query(SELECT, [provider]);
      const row = rows[0];
      if (row?.status === 'CONNECTED' && row.access_token && !expiring(row, Date.now())) return decryptSecret(row.access_token, key);
      return settle(await refresh(null));
    },
    rejected: async (token) => settle(await refresh(token)),
  };
}
