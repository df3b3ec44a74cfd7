package org.genegate.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A conditional create, update, patch or delete whose criteria match several resources is a 412; HAPI's message
 * says how many matched ("this search matched 12 resources"), which tells a token about resources it may not
 * see. Under the security profile the answer says only that the criteria were not specific enough: the answer to
 * a single request, a failed transaction, and each 412 entry of a batch's answer alike.
 */
@Interceptor
final class MatchCountRedaction {

    static final String MESSAGE = "The conditional request's criteria match more than one resource; make them "
            + "more specific";
    private static final Pattern COUNT = Pattern.compile("\\d+\\s+(resources|results|matches)|matched");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException redact(RequestDetails request, Throwable failure) {
        if (failure instanceof PreconditionFailedException && namesACount(failure.getMessage())) {
            return new PreconditionFailedException(MESSAGE);
        }
        return null;
    }

    /** A batch answers each entry on its own: a 412 entry carries HAPI's message in its outcome. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean redactEntries(ResponseDetails response) {
        if (response.getResponseResource() instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResponse().getStatus() != null && entry.getResponse().getStatus().startsWith("412")
                        && entry.getResponse().getOutcome() instanceof OperationOutcome outcome) {
                    outcome.getIssue().stream().filter(issue -> namesACount(issue.getDiagnostics()))
                            .forEach(issue -> issue.setDiagnostics(MESSAGE));
                }
            }
        }
        return true;
    }

    private static boolean namesACount(String text) {
        return text != null && COUNT.matcher(text).find();
    }
}
