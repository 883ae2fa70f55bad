/**
 * The one interface between features and chat platforms, and one package per adapter.
 * The sandbox is just another platform.
 */
package qunzhu.platform;
