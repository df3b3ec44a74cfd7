package org.genegate.architecture.cyclefixture.left;

import org.genegate.architecture.cyclefixture.right.Right;

/** Half of a deliberate package cycle, to show that the cycle rule fails on one. */
public class Left {

    public Right right() {
        return new Right();
    }
}
