import type { Resolvers } from '../generated/resolvers.js';
import { Invoice } from './Invoice.js';
import { Matter } from './Matter.js';
import { Client } from './Client.js';

export const resolvers: Resolvers = { Invoice, Matter, Client };
