import type { Resolvers } from '../generated/resolvers.js';
import { Document } from './Document.js';
import { Matter } from './Matter.js';

export const resolvers: Resolvers = { Document, Matter };
