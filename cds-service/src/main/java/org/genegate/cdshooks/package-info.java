/**
 * The CDS Hooks 2.0 wire format as GeneGate reads and writes it: the hook request and its context, discovery,
 * the response with its cards, links, suggestions and actions, and feedback. Records only; reading, composing and
 * answering live in {@code hooks}, {@code cards} and {@code audit}.
 */
package org.genegate.cdshooks;
