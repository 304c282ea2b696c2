export interface Money { amount: string; currency: string }
export interface MatterEvent { id: string; kind: string; title: string; startsAt: string; endsAt: string | null; location: string | null }
export interface MatterSummary { id: string; number: string; title: string; stage: string; nextHearing: MatterEvent | null }
export interface MatterDetail extends MatterSummary {
  practiceArea: string | null;
  stageTimeline: string[];
  client: { name: string };
  stageHistory: Array<{ from: string | null; to: string; at: string; rule: string; explanation: string }>;
  updates: Array<{ id: string; at: string; title: string; body: string; provenance: { rule: string; eventType: string | null; stageBefore: string | null } }>;
  events: MatterEvent[];
  documents: Array<{ id: string; name: string; kind: string; receivedAt: string; downloadUrl: string }>;
  invoices: Array<{ id: string; number: string; issuedAt: string; total: Money; balance: Money; status: string }>;
  balance: Money;
}

const EVENT = 'id kind title startsAt endsAt location';

export const MATTERS_QUERY = `query PortalMatters { matters { id number title stage nextHearing { ${EVENT} } } }`;

export const MATTER_QUERY = `query PortalMatter($id: ID!) {
  matter(id: $id) {
    id number title stage practiceArea stageTimeline client { name }
    nextHearing { ${EVENT} }
    stageHistory { from to at rule explanation }
    updates { id at title body provenance { rule eventType stageBefore } }
    events(upcoming: true) { ${EVENT} }
    documents { id name kind receivedAt downloadUrl }
    invoices { id number issuedAt total { amount currency } balance { amount currency } status }
    balance { amount currency }
  }
}`;

export const MATTER_UPDATED = `subscription PortalMatterUpdated($matterId: ID!) { matterUpdated(matterId: $matterId) { change at } }`;
