/** The entities this subgraph extends, as it knows them: by their id alone, visibility checked. */
export interface MatterReference {
  id: string;
}

export interface ClientReference {
  id: string;
}
