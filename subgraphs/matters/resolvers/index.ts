import type { Resolvers } from '../generated/resolvers.js';
import { Query } from './Query.js';
import { Viewer } from './Viewer.js';
import { Client } from './Client.js';
import { Matter } from './Matter.js';
import { StageTransition } from './StageTransition.js';
import { ReplayDecision } from './ReplayDecision.js';

/** MatterEvent and MatterUpdate need none: their rows' fields are the schema's, DateTime serializes their Dates. */
export const resolvers: Resolvers = { Query, Viewer, Client, Matter, StageTransition, ReplayDecision };
