/** Member feedback (用户反馈): /feedback stores, acknowledges and forwards it to the operators' log chat. */
package qunzhu.features.feedback;
