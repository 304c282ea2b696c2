/**
 * The gateway's memory of verified access tokens: a token is checked once and then trusted until
 * its `exp`, never past it, and a refused token is never remembered as accepted.
 */
import { loadConfig } from '../config.js';
import { issueAccessToken, createTokenVerifier, InvalidTokenError, type TokenVerifier } from './tokens.js';
import { rememberVerifiedTokens } from './identity-cache.js';
import type { Principal } from './principal.js';

const ava: Principal = { accountId: 'account-ava', email: 'ava.martin@example.com', role: 'CLIENT', clientId: 'client-1', staffId: null };

describe('rememberVerifiedTokens', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const counting = () => {
    const real = createTokenVerifier(config);
    const calls = { count: 0 };
    const verify: TokenVerifier = (token) => {
      calls.count += 1;
      return real(token);
    };
    return { calls, verify: rememberVerifiedTokens(verify) };
  };

  it('checks a token once, then answers from memory with the same principal', async () => {
    const { calls, verify } = counting();
    const token = await issueAccessToken(ava, config.auth);
    expect(await verify(token)).toEqual(ava);
    expect(await verify(token)).toEqual(ava);
    expect(calls.count).toBe(1);
  });

  it('checks a remembered token again once it has expired, and refuses it', async () => {
    const { calls, verify } = counting();
    const token = await issueAccessToken(ava, { ...config.auth, tokenTtlSeconds: 1 });
    expect(await verify(token)).toEqual(ava);
    // Past exp the memory no longer answers: the real check runs (and accepts only within its 5 s clock tolerance).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await verify(token)).toEqual(ava);
    expect(calls.count).toBe(2);
  });

  it('never remembers a refused token', async () => {
    const { calls, verify } = counting();
    const token = await issueAccessToken(ava, config.auth);
    const forged = `${token.slice(0, -4)}AAAA`;
    await expect(verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(calls.count).toBe(2);
  });
});
