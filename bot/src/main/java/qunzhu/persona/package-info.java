/**
 * The health of each bot account in each chat, as the outbox and the platforms report it
 * (rate-limited, muted, not in the group, its sends silently vanishing), and the watch that
 * notices silent drops: what persona routing uses to fail over to a sibling account.
 * Depends on core only; every time comes from an injected clock.
 */
package qunzhu.persona;
