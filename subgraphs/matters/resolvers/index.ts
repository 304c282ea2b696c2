import type { SubgraphResolvers } from '../../../shared/graphql/subgraph-server.js';
import type { MattersLoaders } from '../loaders.js';
import { Query } from './Query.js';
import { Viewer } from './Viewer.js';
import { Client } from './Client.js';
import { Matter } from './Matter.js';
import { MatterEvent } from './MatterEvent.js';
import { StageTransition } from './StageTransition.js';
import { MatterUpdate } from './MatterUpdate.js';
import { ReplayDecision } from './ReplayDecision.js';

export const resolvers: SubgraphResolvers<MattersLoaders> = { Query, Viewer, Client, Matter, MatterEvent, StageTransition, MatterUpdate, ReplayDecision };
