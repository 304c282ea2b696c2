import type { SubgraphResolvers } from '../../../shared/graphql/subgraph-server.js';
import type { DocumentsLoaders } from '../loaders.js';
import { Document } from './Document.js';
import { Matter } from './Matter.js';

export const resolvers: SubgraphResolvers<DocumentsLoaders> = { Document, Matter };
