/**
 * Bot text and member text: templates per locale with operators' overrides, the normalised
 * form of member text that filters judge, and link detection.
 */
package qunzhu.text;
