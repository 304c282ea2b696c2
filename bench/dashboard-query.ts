/** The portal's dashboard query, as the gateway bench and the soak both send it. */
export const DASHBOARD = `query Dashboard {
  matters {
    id number title
    nextHearing { title startsAt location }
    documents { id name kind receivedAt }
    invoices { number issuedAt total { amount currency } balance { amount currency } status }
    balance { amount currency }
  }
}`;
