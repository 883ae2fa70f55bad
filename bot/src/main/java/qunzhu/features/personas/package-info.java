/** /persona list: which persona speaks where, through which account, its send budget and its health. */
package qunzhu.features.personas;
