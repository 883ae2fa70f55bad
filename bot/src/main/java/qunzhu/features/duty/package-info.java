/**
 * The duty roster (值班): which human moderators are on duty in a group per weekday and hour
 * range, with date overrides and persisted swaps; /duty shows who is on now and next. Other
 * features find it as {@link qunzhu.feature.DutyRoster} to mention the on-duty moderators first.
 */
package qunzhu.features.duty;
