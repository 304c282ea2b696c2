import type { Resolvers } from '../generated/resolvers.js';
import { Query } from './Query.js';
import { Lead, LeadConnection } from './Lead.js';

/** The intake graph, typed from the SDL. */
export const resolvers: Resolvers = { Query, Lead, LeadConnection };
