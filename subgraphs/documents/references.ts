/** A matter as this subgraph knows it: by the key the DMS uses, its display number (see schema.graphql). */
export interface MatterReference {
  number: string;
}
