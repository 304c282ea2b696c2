import type { RoutingPolicy } from './vocabulary.js';

/**
 * The firm's intake routing: which team, office and people take a new lead, and how soon they
 * must call back. Edit freely (the words are defined in vocabulary.ts); `npm run` the graph's
 * `routingReplay(since:)` to see what a change would have done to past submissions. Teams are the
 * CMS's groups and people its users, both by name; the first matching rule wins. A conflict of
 * interest always goes to the intake desk with the neutral reply.
 */
export const ROUTING: RoutingPolicy = {
  rules: [
    {
      name: 'conflict-review',
      when: { conflict: true },
      team: 'Intake Desk',
      office: 'New York',
      responsibleAttorney: 'Sarah Jones',
      priority: 'High',
      slaHours: 24,
      reply: 'neutral',
    },
    {
      name: 'personal-injury-california',
      when: { practiceAreas: ['Personal Injury'], states: ['CA'] },
      team: 'LA Personal Injury',
      office: 'Los Angeles',
      responsibleAttorney: 'Maria Lopez',
      assignees: ['Maria Lopez', 'Kelly Nguyen'],
      priority: 'High',
      slaHours: 24,
      reply: 'standard',
    },
    {
      name: 'family-law',
      when: { practiceAreas: ['Family Law'] },
      team: 'NY Family Law',
      office: 'New York',
      responsibleAttorney: 'David Chen',
      priority: 'High',
      slaHours: 24,
      reply: 'standard',
    },
    {
      name: 'intake-desk',
      when: {},
      team: 'Intake Desk',
      office: 'New York',
      responsibleAttorney: 'Sarah Jones',
      priority: 'High',
      slaHours: 24,
      reply: 'standard',
    },
  ],
  spanishSpeakers: ['Maria Lopez'],
  practiceAreaPhrases: {
    'Personal Injury': ['car accident', 'auto accident', 'car crash', 'truck accident', 'motorcycle accident', 'slip and fall', 'injury', 'injured', 'accidente', 'accidente de auto', 'lesiones', 'dog bite', 'medical malpractice'],
    'Family Law': ['divorce', 'custody', 'child custody', 'child support', 'alimony', 'separation', 'divorcio', 'custodia', 'adoption'],
    'Estate Planning': ['will', 'wills', 'trust', 'trusts', 'probate', 'estate', 'testamento', 'power of attorney'],
    'Real Estate': ['real estate', 'property', 'landlord', 'tenant', 'eviction', 'closing', 'lease'],
    Employment: ['employment', 'wrongful termination', 'fired', 'discrimination', 'harassment', 'wage', 'overtime', 'workplace'],
    Litigation: ['litigation', 'lawsuit', 'sue', 'being sued', 'contract dispute', 'dispute'],
    Corporate: ['corporate', 'business', 'company formation', 'incorporation', 'llc', 'merger'],
    Immigration: ['immigration', 'visa', 'green card', 'citizenship', 'deportation', 'asylum', 'inmigración'],
  },
};
