/** Polls (投票): buttons or typed numbers, one changeable vote each, a throttled live count, results at the close. */
package qunzhu.features.poll;
