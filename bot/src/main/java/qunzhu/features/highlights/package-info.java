/**
 * Highlights (精华): moderators mark a message with /highlight as a reply; its author earns
 * points (as a {@link qunzhu.core.Event.PointsChanged}); the weekly recap (calendar trigger
 * "recap", or /recap) posts the week's highlights and can repost them to the profile's other groups.
 */
package qunzhu.features.highlights;
