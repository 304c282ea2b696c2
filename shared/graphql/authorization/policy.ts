import type { Principal } from '../../auth/principal.js';
import { needsSubject, type Rule } from './rules.js';

export type MaybePromise<T> = T | Promise<T>;

/** A matter as other contexts refer to it: by CMS id, or by display number (the DMS's key). */
export type MatterRef = { id: string } | { number: string };

/**
 * Whether this request's principal may see a matter or a client: the matters context's rule
 * (subgraphs/matters/access.ts), asked through its published queries or its own scoped loaders,
 * so the directives and the row scoping cannot disagree.
 */
export interface AccessOracle {
  mayReadMatter(ref: MatterRef): MaybePromise<boolean>;
  mayReadClient(clientId: string): MaybePromise<boolean>;
}

/** What an object of one type is about, for the rules that depend on it. */
export interface Subjects<C> {
  /** The matter it is or hangs off; of several, seeing any one is enough. */
  matter?(parent: object, context: C): MaybePromise<MatterRef | readonly MatterRef[] | null>;
  /** The client it is or belongs to. */
  client?(parent: object, context: C): MaybePromise<string | null>;
}

/** What a subgraph supplies for its SDL's rules to be checked. */
export interface AuthorizationPolicy<C extends { principal: Principal }> {
  /** This request's oracle; asked once per request (it should batch and cache). */
  oracle(context: C): AccessOracle;
  /** By type name: what its objects are about. Required for each type whose rules need it. */
  subjects: Readonly<Record<string, Subjects<C>>>;
}

export function then<T, U>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

function every(results: ReadonlyArray<MaybePromise<boolean>>): MaybePromise<boolean> {
  if (results.every((r): r is boolean => typeof r === 'boolean')) return results.every(Boolean);
  return Promise.all(results).then((all) => all.every(Boolean));
}

function some(results: ReadonlyArray<MaybePromise<boolean>>): MaybePromise<boolean> {
  if (results.every((r): r is boolean => typeof r === 'boolean')) return results.some(Boolean);
  return Promise.all(results).then((all) => all.some(Boolean));
}

/** The rules of one type or one field, as decided together; built once, at start-up. */
export interface RuleSet {
  /** The type's name, or `Type.field`: decisions are kept under it. */
  key: string;
  typeName: string;
  rules: readonly Rule[];
  /** Whether the decision depends on the object (its matter, its client), not only on the caller. */
  perObject: boolean;
}

export function ruleSet(key: string, typeName: string, rules: readonly Rule[]): RuleSet {
  return { key, typeName, rules, perObject: rules.some(needsSubject) };
}

/**
 * One request's decisions: per rule set for the rules about the caller alone, per object too for
 * those about the object, so the fields of an object let through where it entered the response
 * are decided without waiting.
 */
export class RequestAuthorization<C extends { principal: Principal }> {
  private oracleOfRequest: AccessOracle | undefined;
  private readonly aboutCaller = new Map<string, boolean>();
  private readonly aboutObject = new Map<string, WeakMap<object, MaybePromise<boolean>>>();

  constructor(private readonly policy: AuthorizationPolicy<C>, private readonly context: C) {}

  /** Whether every rule of the set allows `parent`; an empty set allows everything. */
  decide(set: RuleSet, parent: unknown): MaybePromise<boolean> {
    if (set.rules.length === 0) return true;
    if (!set.perObject) {
      let allowed = this.aboutCaller.get(set.key);
      if (allowed === undefined) this.aboutCaller.set(set.key, allowed = set.rules.every((rule) => this.allows(rule, set.typeName, {}) === true));
      return allowed;
    }
    if (typeof parent !== 'object' || parent === null) return false; // nothing says what it is about
    let byObject = this.aboutObject.get(set.key);
    if (!byObject) this.aboutObject.set(set.key, byObject = new WeakMap());
    const known = byObject.get(parent);
    if (known !== undefined) return known;
    const decision = this.evaluate(set.typeName, set.rules, parent);
    byObject.set(parent, decision);
    if (decision instanceof Promise) void decision.then((allowed) => byObject.set(parent, allowed), () => byObject.delete(parent));
    return decision;
  }

  private evaluate(typeName: string, rules: readonly Rule[], parent: object): MaybePromise<boolean> {
    return every(rules.map((rule) => this.allows(rule, typeName, parent)));
  }

  private allows(rule: Rule, typeName: string, parent: object): MaybePromise<boolean> {
    const { principal } = this.context;
    const subjects = this.policy.subjects[typeName];
    switch (rule.kind) {
      case 'signedIn':
        return true; // the subgraph served no one without the gateway's signed identity
      case 'hasRole':
        return rule.roles.includes(principal.role);
      case 'clientSelf':
        if (principal.role !== 'CLIENT' || !principal.clientId) return false;
        return then(subject(subjects?.client, typeName, rule)(parent, this.context), (id) => id === principal.clientId);
      case 'clientAccess':
        return then(subject(subjects?.client, typeName, rule)(parent, this.context), (id) => id !== null && this.oracle().mayReadClient(id));
      case 'matterAccess':
        return then(subject(subjects?.matter, typeName, rule)(parent, this.context), (refs) => {
          if (refs === null) return false;
          const all: readonly MatterRef[] = Array.isArray(refs) ? refs : [refs];
          return some(all.map((ref) => this.oracle().mayReadMatter(ref)));
        });
    }
  }

  private oracle(): AccessOracle {
    return this.oracleOfRequest ??= this.policy.oracle(this.context);
  }
}

function subject<F>(fn: F | undefined, typeName: string, rule: Rule): F {
  // enforceAuthorization checks at start-up that every type whose rules need a subject has one.
  if (!fn) throw new Error(`${typeName} has @${rule.kind} but its subgraph's authorization policy gives no subject for it`);
  return fn;
}
