package org.genegate.server.fetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * Renews the record stamps of every patient whose compartment a write touches, in the write's transaction: the
 * storage pointcuts run inside it, for REST calls, each entry of a transaction bundle, the demo loader and the
 * monitoring plan filed in a write alike. An update renews the owners of the old version and of the new one (an
 * Observation moved to another patient leaves both records).
 */
@Component
@Interceptor
public class RecordStampInterceptor {

    private final RecordOwners owners;
    private final RecordStamps stamps;

    public RecordStampInterceptor(FhirContext fhirContext, RecordStamps stamps) {
        this.owners = new RecordOwners(fhirContext);
        this.stamps = stamps;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        stamps.renew(owners.of(resource));
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource current) {
        Set<String> touched = new TreeSet<>(owners.of(current));
        if (previous != null) {
            touched.addAll(owners.of(previous));
        }
        stamps.renew(touched);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        stamps.renew(owners.of(resource));
    }

    /** $expunge of a resource (off unless JpaStorageSettings enable it): a versioned read of it must go stale. */
    @Hook(Pointcut.STORAGE_PRESTORAGE_EXPUNGE_RESOURCE)
    public void expunged(IBaseResource resource) {
        stamps.renew(owners.of(resource));
    }
}
