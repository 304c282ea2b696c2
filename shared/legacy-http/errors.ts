import { CasebridgeError, ErrorCode } from '../errors.js';

export type LegacySystemName = 'cms' | 'dms' | 'billing';

/**
 * A legacy system did not answer usefully after every retry (5xx, timeouts, network errors,
 * throttling beyond what we are willing to wait). Transient by nature: the next sync run retries.
 */
export class LegacyUnavailableError extends Error {
  override name = 'LegacyUnavailableError';
  constructor(
    readonly system: LegacySystemName,
    readonly url: string,
    readonly attempts: number,
    readonly lastFailure: string,
  ) {
    super(`The ${system} system is unavailable: GET ${url} failed ${attempts} time(s); last failure: ${lastFailure}`);
  }

  /** The same failure as a GraphQL error for callers in a request path (document downloads). */
  toGraphQLError(): CasebridgeError {
    return new CasebridgeError(ErrorCode.LEGACY_UNAVAILABLE, `The ${this.system} system is unavailable; try again shortly.`);
  }
}

/** The legacy system refused the request (a 4xx other than 408/429): retrying would not help. */
export class LegacyRequestError extends Error {
  override name = 'LegacyRequestError';
  constructor(
    readonly system: LegacySystemName,
    readonly url: string,
    readonly status: number,
    readonly legacyMessage: string,
  ) {
    super(`The ${system} system answered ${status} to GET ${url}: ${legacyMessage}`);
  }
}

/** The legacy system answered 2xx with a body we cannot read (not JSON, or not the documented shape). */
export class LegacyResponseError extends Error {
  override name = 'LegacyResponseError';
  constructor(
    readonly system: LegacySystemName,
    readonly url: string,
    readonly problem: string,
  ) {
    super(`The ${system} system sent an unexpected answer to GET ${url}: ${problem}`);
  }
}

/**
 * 410 Gone: the system no longer serves the API version we were written for. Nothing syncs until
 * the adapter is updated; sync health says so in these words.
 */
export class LegacyVersionRetiredError extends LegacyRequestError {
  override name = 'LegacyVersionRetiredError';
  constructor(system: LegacySystemName, url: string, readonly apiVersion: string | null, legacyMessage: string) {
    super(system, url, 410, legacyMessage);
    this.message = `The ${system} system has retired API version ${apiVersion ?? '(default)'} (410 Gone): ${legacyMessage}. casebridge's ${system} adapter must be updated to a supported version.`;
  }
}
