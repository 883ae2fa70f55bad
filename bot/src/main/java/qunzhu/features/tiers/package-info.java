/**
 * Member tiers (成员分层) from the activity log: newcomer, core, active, quiet, at risk,
 * churned, with thresholds per profile. Provides {@link qunzhu.feature.MemberTiers}; /whois
 * shows a member's tier, activity and points to moderators.
 */
package qunzhu.features.tiers;
