export { invitationsRouter, INVITATION_REFUSED, SET_PASSWORD_PATH } from './router.js';
export { hashInvitationToken, redeemInvitation, InvitationRefused } from './redeem.js';
