import type { RequestHandler } from 'express';
import { HttpError } from '../errors.js';
import type { DriftState } from './drift.js';
import { DEFAULT_CLIO_PATCH, setView } from './view.js';

/** The default version when nothing else is configured. */
export const CLIO_API_VERSION = `4.0.${DEFAULT_CLIO_PATCH}`;
/** The newest version the simulator knows (Clio's changelog). */
export const LATEST_CLIO_API_VERSION = '4.0.10';
/** Versions up to this one are retired (410); 4.0.3 stays so its hours-based activities can be seen. */
export const DEFAULT_RETIRED_THROUGH = '4.0.2';

const FORMAT = /^\d+\.\d+\.\d+$/;
const latestPatch = Number(LATEST_CLIO_API_VERSION.split('.')[2]);

/** The patch number of a 4.0.x version the simulator knows, or null. */
export function clioPatch(version: string): number | null {
  const match = /^4\.0\.(\d+)$/.exec(version.trim());
  if (!match) return null;
  const patch = Number(match[1]);
  return patch <= latestPatch ? patch : null;
}

export interface VersionSettings {
  /** Served when a request sends no X-API-VERSION. */
  version: string;
  /** This version and older ones answer 410 Gone. */
  retiredThrough: string;
}

/** Why a version setting is impossible, or null when it is fine. */
export function versionSettingsProblem(settings: VersionSettings): string | null {
  const version = clioPatch(settings.version);
  const retired = clioPatch(settings.retiredThrough);
  if (version === null) return `version "${settings.version}" is not a known Clio API version (4.0.0 to ${LATEST_CLIO_API_VERSION})`;
  if (retired === null) return `retiredThrough "${settings.retiredThrough}" is not a known Clio API version (4.0.0 to ${LATEST_CLIO_API_VERSION})`;
  if (version <= retired) return `version ${settings.version} would itself be retired (retiredThrough ${settings.retiredThrough})`;
  return null;
}

/** The Clio API version served by default and the retirement line; shared by the CMS and billing. */
export class VersionState {
  private current: VersionSettings;

  constructor(initial: Partial<VersionSettings> = {}) {
    this.current = { version: CLIO_API_VERSION, retiredThrough: DEFAULT_RETIRED_THROUGH };
    this.set(initial);
  }

  get(): VersionSettings & { latest: string } {
    return { ...this.current, latest: LATEST_CLIO_API_VERSION };
  }

  /** Changes the default and/or the retirement line; throws (leaving both as they were) if impossible. */
  set(changes: Partial<VersionSettings>): void {
    const next = { ...this.current, ...changes };
    const problem = versionSettingsProblem(next);
    if (problem) throw new Error(problem);
    this.current = next;
  }

  defaultPatch(): number {
    return clioPatch(this.current.version) as number;
  }

  /** The patch number a request gets, or the error it deserves. */
  resolve(requested: string | undefined): { text: string; patch: number } | HttpError {
    if (requested === undefined || requested === '') return { text: this.current.version, patch: this.defaultPatch() };
    if (!FORMAT.test(requested)) return new HttpError(400, 'BadRequestError', `Invalid X-API-VERSION "${requested}": expected a version such as ${this.current.version}`);
    const patch = clioPatch(requested);
    const retiredThrough = clioPatch(this.current.retiredThrough) as number;
    if (patch === null || patch <= retiredThrough) {
      return new HttpError(410, 'GoneError', `API version ${requested} is not supported; use 4.0.${retiredThrough + 1} to ${LATEST_CLIO_API_VERSION} (default ${this.current.version})`);
    }
    return { text: requested, patch };
  }
}

/**
 * Clio minor versions: X-API-VERSION picks one (else the configured default); retired or unknown
 * versions answer 410 Gone; the version used is echoed and decides how records render.
 */
export function apiVersion(state: VersionState, drift: DriftState): RequestHandler {
  return (req, res, next) => {
    const resolved = state.resolve(req.get('x-api-version')?.trim());
    if (resolved instanceof HttpError) return next(resolved);
    res.setHeader('X-API-VERSION', resolved.text);
    setView(res, { version: resolved.patch, drift });
    next();
  };
}
