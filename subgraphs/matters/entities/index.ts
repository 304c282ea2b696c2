export { ClientRow } from './Client.js';
export { StaffRow } from './Staff.js';
export { MatterRow } from './Matter.js';
export { MatterEventRow, MatterEventKind, MATTER_EVENT_KINDS } from './MatterEvent.js';
export { PicklistOptionRow } from './PicklistOption.js';
export { StageTransitionRow } from './StageTransition.js';
export { MatterUpdateRow } from './MatterUpdate.js';
