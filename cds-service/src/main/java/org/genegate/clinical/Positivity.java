package org.genegate.clinical;

/** How a qualitative (or thresholded) result reads. */
public enum Positivity {
    POSITIVE,
    NEGATIVE,
    /** Neither a positive nor a negative reading could be made: never treated as negative. */
    UNKNOWN
}
