import type { FieldSpec } from './fields.js';

/**
 * Schema drift switched on at run time: fields that silently vanish from a resource's responses
 * (still accepted in `fields`, as if the legacy system had quietly stopped sending them), so a
 * consumer's own validation has to notice.
 */
export class DriftState {
  private readonly removed = new Map<string, Set<string>>();

  /** Hides `field` of `resource` (e.g. matters, practice_area); throws if either is unknown. */
  removeField(resource: string, field: string, specs: Readonly<Record<string, FieldSpec>>): void {
    const spec = specs[resource];
    if (!spec) throw new Error(`Unknown resource "${resource}": expected one of ${Object.keys(specs).join(', ')}`);
    if (!spec.scalars.includes(field) && !spec.nested[field]) throw new Error(`Unknown field "${field}" of ${resource}`);
    const fields = this.removed.get(resource) ?? new Set<string>();
    fields.add(field);
    this.removed.set(resource, fields);
  }

  omitted(resource: string): ReadonlySet<string> {
    return this.removed.get(resource) ?? new Set<string>();
  }

  reset(): void {
    this.removed.clear();
  }

  /** `{resource: [field, …]}` of what is hidden now. */
  describe(): Record<string, string[]> {
    return Object.fromEntries([...this.removed].map(([resource, fields]) => [resource, [...fields]]));
  }
}
