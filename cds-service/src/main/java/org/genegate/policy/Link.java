package org.genegate.policy;

/** A link a card carries, e.g. manufacturer support or the HTC directory. */
public record Link(String label, String url) {
}
