import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lowercase hex HMAC-SHA256 of the raw body with the shared secret, as Clio signs deliveries. */
export function signatureOf(body: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Timing-safe: a wrong signature takes as long to refuse as an almost-right one. */
export function signatureMatches(body: Buffer, secret: string, given: string | undefined): boolean {
  if (!given || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(signatureOf(body, secret), 'hex'), Buffer.from(given, 'hex'));
}

/** The same for the handshake's X-Hook-Secret against the secret registration stored. */
export function secretMatches(stored: string, given: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
