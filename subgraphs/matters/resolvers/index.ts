import type { Resolvers } from '../generated/resolvers.js';
import { Query } from './Query.js';
import { Viewer } from './Viewer.js';
import { Client } from './Client.js';
import { Matter } from './Matter.js';
import { StageTransition } from './StageTransition.js';
import { ReplayDecision } from './ReplayDecision.js';
import { MatterUpdate } from './MatterUpdate.js';

/** MatterEvent needs none: its row's fields are the schema's, DateTime serializes its Dates. MatterUpdate adds its provenance. */
export const resolvers: Resolvers = { Query, Viewer, Client, Matter, StageTransition, ReplayDecision, MatterUpdate };
