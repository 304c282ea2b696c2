export { SubmissionRow, type SubmissionSource } from './Submission.js';
export { LeadRow, type LeadStatus } from './Lead.js';
export { OutboundRow, type OutboundKind } from './Outbound.js';
export { EscalationRow } from './Escalation.js';

import { SubmissionRow } from './Submission.js';
import { LeadRow } from './Lead.js';
import { OutboundRow } from './Outbound.js';
import { EscalationRow } from './Escalation.js';

/** Every entity of the intake context, for the DataSource's catalog. */
export const intakeEntities = [SubmissionRow, LeadRow, OutboundRow, EscalationRow];
