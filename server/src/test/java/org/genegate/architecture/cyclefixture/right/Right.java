package org.genegate.architecture.cyclefixture.right;

import org.genegate.architecture.cyclefixture.left.Left;

/** The other half of the deliberate package cycle. */
public class Right {

    public Left left() {
        return new Left();
    }
}
