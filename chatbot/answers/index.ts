import type { Language } from '../language.js';
import type { Messages } from './messages.js';
import { en } from './en.js';
import { es } from './es.js';

export const MESSAGES: Record<Language, Messages> = { en, es };
export type { Messages, EventLine } from './messages.js';
export { formatMoney, formatDate, formatDateTime } from './format.js';
export { STAGE_WORDS } from './stages.js';
