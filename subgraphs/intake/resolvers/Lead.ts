import type { LeadConnectionResolvers, LeadResolvers } from '../generated/resolvers.js';

export const Lead: LeadResolvers = {
  name: (lead) => `${lead.firstName} ${lead.lastName}`,
  location: (lead) => {
    const place = [lead.city, [lead.state, lead.zip].filter(Boolean).join(' ')].filter((part) => part).join(', ');
    return place === '' ? null : place;
  },
};

export const LeadConnection: LeadConnectionResolvers = {
  nodes: (page) => page.edges.map((edge) => edge.node),
};
