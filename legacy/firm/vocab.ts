/** The messy vocabulary a firm's staff typed into its systems over the years. */

export const FIRM_NAME = 'Smith & Jones LLP';
export const FIRM_DOMAIN = 'smithjones.example';

export const PRACTICE_AREAS: ReadonlyArray<{ name: string; code: string | null }> = [
  { name: 'Litigation', code: 'LIT' },
  { name: 'Family Law', code: 'FAM' },
  { name: 'Estate Planning', code: null },
  { name: 'Real Estate', code: 'RE' },
  { name: 'Employment', code: 'EMP' },
  { name: 'Personal Injury', code: 'PI' },
  { name: 'Corporate', code: null },
  { name: 'Immigration', code: 'IMM' },
];

/** The "Case Status" picklist: [option, deleted?]. */
export const CASE_STATUS_OPTIONS: ReadonlyArray<readonly [string, boolean]> = [
  ['Intake', false],
  ['New Matter', false],
  ['new', true],
  ['Conflict Check', false],
  ['Engaged', false],
  ['Pleadings Filed', false],
  ['pleadings', false],
  ['Complaint filed', false],
  ['Answer Due', false],
  ['Discovery', false],
  ['discovery - ongoing', false],
  ['In Discovery', false],
  ['DISC.', false],
  ['Discovery (written)', true],
  ['Depositions', false],
  ['Mediation', false],
  ['mediation scheduled', false],
  ['Pre-Trial', false],
  ['pretrial prep', false],
  ['Trial', false],
  ['TRIAL SET', false],
  ['Post-Trial', true],
  ['Appeal', false],
  ['On Hold', false],
  ['on hold - client', false],
  ['Settled', false],
  ['Closed - Settled', false],
  ['settled/closed', false],
  ['Closed', false],
  ['closed (do not use)', true],
];

/** Spellings of each document kind; the first of each group is the "proper" one. */
export const DOC_TYPES = {
  depositionTranscript: ['Deposition Transcript', 'depo transcript', 'Depo. Trans.', 'DEPOSITION'],
  pleading: ['Pleading', 'PLEADING', 'pleadings'],
  motion: ['Motion', 'Mot.', 'motion'],
  correspondence: ['Correspondence', 'Letter', 'corr.', 'Email'],
  contract: ['Contract', 'Agreement', 'contract'],
  evidence: ['Exhibit', 'Evidence', 'exh.'],
  order: ['Court Order', 'Order'],
  memo: ['Memo', 'Internal Memo'],
} as const;

export type DocKind = keyof typeof DOC_TYPES;

export const DOC_TITLES: Record<DocKind, readonly string[]> = {
  depositionTranscript: ['Deposition of {person}', 'Depo transcript - {person}'],
  pleading: ['Complaint', 'Answer', 'Amended Complaint', 'Counterclaim', 'Reply'],
  motion: ['Motion to Compel', 'Motion to Dismiss', 'Motion for Summary Judgment', 'Motion in Limine'],
  correspondence: ['Letter to client', 'Letter to opposing counsel', 'Email re settlement', 'Engagement letter'],
  contract: ['Retainer Agreement', 'Settlement Agreement', 'Lease', 'Purchase Agreement', 'NDA'],
  evidence: ['Exhibit A', 'Exhibit B', 'Photos', 'Medical records', 'Invoice copies'],
  order: ['Scheduling Order', 'Protective Order', 'Order on Motion'],
  memo: ['Research memo', 'Case strategy memo', 'File note'],
};

export const EVENT_TYPES: ReadonlyArray<{ name: string; color: string }> = [
  { name: 'Hearing', color: '#C75300' },
  { name: 'Deposition', color: '#367B9C' },
  { name: 'Meeting', color: '#83D17F' },
  { name: 'Deadline', color: '#FFA5A4' },
  { name: 'Trial', color: '#8E3F64' },
];

export const LOCATIONS = [
  'Superior Court, Dept. 12',
  'US District Court, Courtroom 4B',
  'Smith & Jones - Conf. Room A',
  'Zoom',
  'County Courthouse Rm 301',
  'opposing counsel office',
];

/** UTC offsets (minutes) the firm's offices and courts write times in. */
export const OFFSETS = [-300, -240, -480, -420, 0, 0, -360];

export const TASK_NAMES = [
  'Draft discovery responses',
  'Call client re: documents',
  'Prepare exhibit list',
  'File proof of service',
  'Review medical records',
  'Calendar response deadline',
  'Send engagement letter',
  'Order deposition transcript',
  'Update billing memo',
  'Conflict check',
];
