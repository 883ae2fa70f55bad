/** The features, one package each; they use the spine (feature, command, store, text), never each other. */
package qunzhu.features;
