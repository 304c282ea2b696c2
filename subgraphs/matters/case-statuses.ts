/**
 * The canonical case statuses staff see instead of the ~30 messy "Case Status" picklist labels.
 * Staff-facing only: a matter's official stage is decided by the rules, never by this.
 */
export const CASE_STATUSES = ['NEW', 'ACTIVE', 'PLEADINGS', 'DISCOVERY', 'SETTLEMENT', 'TRIAL', 'APPEAL', 'ON_HOLD', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The shipped mapping of every label the firm's picklist has, as typed (normalized when seeded). */
export const DEFAULT_CASE_STATUS_MAPPING: Readonly<Record<CaseStatus, readonly string[]>> = {
  NEW: ['Intake', 'New Matter', 'new', 'Conflict Check'],
  ACTIVE: ['Engaged'],
  PLEADINGS: ['Pleadings Filed', 'pleadings', 'Complaint filed', 'Answer Due'],
  DISCOVERY: ['Discovery', 'discovery - ongoing', 'In Discovery', 'DISC.', 'Discovery (written)', 'Depositions'],
  SETTLEMENT: ['Mediation', 'mediation scheduled', 'Settled'],
  TRIAL: ['Pre-Trial', 'pretrial prep', 'Trial', 'TRIAL SET', 'Post-Trial'],
  APPEAL: ['Appeal'],
  ON_HOLD: ['On Hold', 'on hold - client'],
  CLOSED: ['Closed - Settled', 'settled/closed', 'Closed', 'closed (do not use)'],
};
