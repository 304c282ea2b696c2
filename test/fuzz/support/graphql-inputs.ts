/**
 * Generated variables for any GraphQL input type, read from the API schema: `plausible` values
 * have the right shape (a resolver may still refuse them: an unknown id, a blank reason, a string
 * of 200,000 characters), `broken` ones break the type itself (null where it is required, a number
 * for a string, an unknown enum value, an input object with a field missing, one too many or one
 * nested 300 deep), so the API must refuse them whatever the resolver would have said.
 */
import fc from 'fast-check';
import {
  isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType,
} from 'graphql';

/** Real ids and values the generated input draws on now and then, so some of it reaches deep. */
export type Seeds = Record<string, string[]>;

export const hugeString = fc.oneof(
  fc.integer({ min: 5_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => '𝔘ñí©ødé '.repeat(n)),
);

/** Text a person, a bot or an attacker might send: unicode, control characters, NULs, lone surrogates, huge. */
export const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('', ' ', '\t\n', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202eevil', '🦄'.repeat(500), "'; DROP TABLE matters.matters; --", '<img src=x onerror=alert(1)>', '%s%n%x', '../../etc/passwd', '{"$gt": ""}', 'null', 'NaN', '-0', '1e309'),
  hugeString,
);

/** JSON nested `depth` levels deep: objects in objects, or arrays in arrays. */
export const deepValue = fc.tuple(fc.integer({ min: 20, max: 300 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), deepValue);
const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));

function scalarPlausible(name: string, seeds: Seeds): fc.Arbitrary<unknown> {
  const seeded = seeds[name]?.length ? [fc.constantFrom(...seeds[name]!)] : [];
  switch (name) {
    case 'Int': return fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 23, 24, 100, 101));
    case 'Float': return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean': return fc.boolean();
    case 'ID': return fc.oneof(hostileString, fc.integer(), ...seeded, ...seeded);
    default: return fc.oneof(hostileString, ...seeded);
  }
}

function scalarBroken(name: string): fc.Arbitrary<unknown> {
  const object = fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), deepValue.filter((v) => !Array.isArray(v)));
  switch (name) {
    case 'Int': return fc.oneof(fc.string(), fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e300), fc.boolean(), object);
    case 'Float': return fc.oneof(fc.string(), fc.boolean(), object);
    case 'Boolean': return fc.oneof(fc.string(), fc.integer(), object);
    case 'ID': return fc.oneof(fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)), object);
    case 'String': return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), object);
    // A custom scalar (DateTime) may take strings or numbers: only an object is surely wrong.
    default: return object;
  }
}

export function plausible(type: GraphQLInputType, seeds: Seeds): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return plausible(type.ofType, seeds);
  const inner = plausibleNonNull(type, seeds);
  return fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
}

function plausibleNonNull(type: GraphQLInputType, seeds: Seeds): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const item = plausible(type.ofType, seeds);
    // A single value stands for a list of one (GraphQL's input coercion); 150 items passes any "at most 100".
    return fc.oneof(fc.array(item, { maxLength: 5 }), fc.array(item, { minLength: 90, maxLength: 150 }), item);
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isScalarType(type)) return scalarPlausible(type.name, seeds);
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) model[field.name] = plausible(field.type, seeds);
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc.record(model, { requiredKeys: required as never[] });
  }
  throw new Error(`no generator for ${String(type)}`);
}

/** A value that breaks `type`; for a required type, also null. */
export function broken(type: GraphQLInputType, seeds: Seeds): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof(fc.constant(null), broken(type.ofType, seeds));
  if (isListType(type)) {
    const item = broken(type.ofType, seeds);
    return fc.oneof(
      fc.tuple(fc.array(plausible(type.ofType, seeds), { maxLength: 3 }), item).map(([good, bad]) => [...good, bad]),
      item.filter((v) => !Array.isArray(v) && v !== null),
    );
  }
  if (isEnumType(type)) {
    const names = new Set(type.getValues().map((v) => v.name));
    return fc.oneof(hostileString.filter((s) => !names.has(s)), fc.integer(), fc.boolean());
  }
  if (isScalarType(type)) return scalarBroken(type.name);
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const whole = plausibleNonNull(type, seeds) as fc.Arbitrary<Record<string, unknown>>;
    const required = fields.filter((f) => isNonNullType(f.type));
    const variants: Array<fc.Arbitrary<unknown>> = [
      notAnObject,
      deepValue,
      fc.tuple(whole, fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !fields.some((f) => f.name === k)), anyJson).map(([value, key, extra]) => ({ ...value, [key]: extra })),
      fc.tuple(whole, fc.constantFrom(...fields), fc.nat()).chain(([value, field]) => broken(field.type, seeds).map((bad) => ({ ...value, [field.name]: bad }))),
    ];
    if (required.length > 0) variants.push(fc.tuple(whole, fc.constantFrom(...required)).map(([value, field]) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== field.name))));
    return fc.oneof(...variants);
  }
  throw new Error(`no generator for ${String(type)}`);
}

export interface FuzzedCall { query: string; variables: Record<string, unknown>; broken: boolean }

/** The mutation as an operation with one variable per argument, selecting only __typename. */
export function operationOf(field: GraphQLField<unknown, unknown>): string {
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  let named = field.type;
  while ('ofType' in named) named = named.ofType;
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  return `mutation Fuzz${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
}

/**
 * Variables for `field`: either every argument plausible, or one of them broken (a required one
 * possibly left out altogether); now and then with variables the operation never declared.
 */
export function fuzzedCall(field: GraphQLField<unknown, unknown>, seeds: Seeds): fc.Arbitrary<FuzzedCall> {
  const query = operationOf(field);
  const args: readonly GraphQLArgument[] = field.args;
  const plausibleAll = fc.record(Object.fromEntries(args.map((a) => [a.name, plausible(a.type, seeds)])));
  const extras = fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !args.some((a) => a.name === k)), anyJson, { maxKeys: 3 }), { nil: {} });
  const oneBroken = args.length === 0
    ? plausibleAll.map((variables) => ({ variables, broken: false }))
    : fc.tuple(plausibleAll, fc.constantFrom(...args)).chain(([variables, arg]) => {
      const missing = isNonNullType(arg.type) && !arg.defaultValue ? [fc.constant(undefined)] : [];
      return fc.oneof(broken(arg.type, seeds), ...missing).map((bad) => ({ variables: { ...variables, [arg.name]: bad }, broken: true }));
    });
  return fc.tuple(fc.oneof(plausibleAll.map((variables) => ({ variables, broken: false })), oneBroken), extras)
    .map(([call, extra]) => ({ query, variables: { ...extra, ...call.variables }, broken: call.broken }));
}
