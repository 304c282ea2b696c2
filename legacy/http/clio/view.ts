import type { Response } from 'express';
import type { DriftState } from './drift.js';
import { project, type FieldSpec, type Selection } from './fields.js';
import type { JsonObject } from './json.js';

/** How a request sees records: its Clio API version (the 4.0.x patch number) and any drift. */
export interface View {
  version: number;
  drift?: DriftState;
}

/** The patch of the default Clio API version, 4.0.9. */
export const DEFAULT_CLIO_PATCH = 9;

const DEFAULT_VIEW: View = { version: DEFAULT_CLIO_PATCH };

/** A Clio-style resource whose shape may depend on the API version. */
export interface VersionedResource<T> {
  /** Its path, e.g. `matters`: what drift switches name. */
  name: string;
  spec: FieldSpec | ((version: number) => FieldSpec);
  render(row: T, version: number): JsonObject;
  /** What comes back without `fields` (Clio: id and etag). */
  defaultFields?: Selection;
}

export function setView(res: Response, view: View): void {
  res.locals.clioView = view;
}

export function viewOf(res: Response): View {
  const view: unknown = res.locals.clioView;
  return typeof view === 'object' && view !== null && 'version' in view ? (view as View) : DEFAULT_VIEW;
}

export function specOf(resource: { spec: FieldSpec | ((version: number) => FieldSpec) }, version: number): FieldSpec {
  return typeof resource.spec === 'function' ? resource.spec(version) : resource.spec;
}

/** A record as a read shows it: rendered for the version, projected, drifted fields dropped. */
export function renderSelected<T>(resource: VersionedResource<T>, row: T, selection: Selection, view: View): JsonObject {
  const spec = specOf(resource, view.version);
  const out = project(resource.render(row, view.version), selection, spec);
  for (const field of view.drift?.omitted(resource.name) ?? []) delete out[field];
  return out;
}
