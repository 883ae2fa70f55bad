/**
 * Points (积分): an append-only ledger fed by check-ins (/checkin, 签到), capped daily
 * activity, operators' grants and every other feature's {@link qunzhu.core.Event.PointsChanged};
 * /points, /points history and /top read it. Provides {@link qunzhu.feature.Points}.
 */
package qunzhu.features.points;
