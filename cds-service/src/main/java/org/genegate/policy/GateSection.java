package org.genegate.policy;

/**
 * How one gate's section of the policy file is named and read. The policy knows gates only through this: the gates
 * package gives each gate a definition that implements it, and the loader reads every section it is handed.
 *
 * @param <S> the gate's settings
 */
public interface GateSection<S extends GateSettings> {

    /** The gate id: the key of the gate's section under {@code gates}, e.g. {@code nab-aav5}. */
    String id();

    /** The settings type, so the policy hands out a gate's settings typed. */
    Class<S> settingsType();

    /**
     * Reads and validates the section strictly: unknown keys and bad values throw a {@link PolicyException} that
     * names the file and the key.
     */
    S read(PolicyNode section);
}
