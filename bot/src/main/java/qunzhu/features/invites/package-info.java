/**
 * Invite tracking (拉新, 裂变): who brought whom, from the platform's word on each join
 * (Telegram per-member invite links made by /invite, QQ invitations); an invitee who stays
 * past the grace period earns their inviter points, one who leaves early does not and takes
 * back what was paid for them. /invites shows the board.
 */
package qunzhu.features.invites;
