/**
 * Quizzes (有奖问答): question banks from config/quiz/, rounds posted by the quizmaster persona,
 * answers normalised (full-width, case, punctuation, 繁简) and scored first-wins or all-within-time,
 * timeouts as persisted jobs, points as {@link qunzhu.core.Event.PointsChanged}, leaderboards.
 */
package qunzhu.features.quiz;
