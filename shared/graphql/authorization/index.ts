export { enforceAuthorization } from './enforce.js';
export type { AccessOracle, AuthorizationPolicy, MatterRef, Subjects } from './policy.js';
export { rulesOn, undeclared, type Declaration, type Rule } from './rules.js';
export { AUTHORIZATION_SDL, assertVocabulary } from './vocabulary.js';
