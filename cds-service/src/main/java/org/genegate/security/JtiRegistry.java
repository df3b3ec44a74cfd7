package org.genegate.security;

import java.time.Instant;

/**
 * Where the {@code jti}s of accepted CDS client tokens are remembered until the tokens expire, so that a
 * captured token is refused the second time. Every node behind one load balancer must share it: a replay sent
 * to another node is a replay too. The server module provides one on the shared database; without it the
 * registry is this node's memory ({@link ReplayGuard}).
 */
public interface JtiRegistry {

    /**
     * Records the token's first use.
     *
     * @param forgetAfter when the token can no longer be accepted anyway (expiry plus clock skew)
     * @return false when this jti of this issuer was recorded before and its token has not expired yet
     * @throws org.genegate.hooks.HookRequestException 503 when the registry cannot rule out a replay (full,
     *         or its store unreachable): never a silent acceptance
     */
    boolean firstUse(String issuer, String jti, Instant forgetAfter, Instant now);
}
