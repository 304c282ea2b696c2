import type { PortalMatterQuery, PortalMattersQuery } from '../../graphql/types.generated';

/** The shapes the matter pages render: the codegen types of their operations (matters.graphql). */
export type MatterSummary = PortalMattersQuery['matters'][number];
export type MatterDetail = NonNullable<PortalMatterQuery['matter']>;
export type MatterEvent = MatterDetail['events'][number];
export interface Money { amount: string; currency: string }
