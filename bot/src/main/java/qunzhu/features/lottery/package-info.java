/**
 * Lotteries (抽奖): start, entries under conditions (membership age, recent messages, points,
 * a cost in points, not muted or banned), a draw at a time or by hand that anyone can check
 * from the revealed seed and the entry list ({@link qunzhu.features.lottery.Draw}), cancel, list and verify.
 */
package qunzhu.features.lottery;
