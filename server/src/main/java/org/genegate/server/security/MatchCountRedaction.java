package org.genegate.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import java.util.regex.Pattern;

/**
 * A conditional create, update, patch or delete whose criteria match several resources is a 412; HAPI's message
 * says how many matched ("this search matched 12 resources"), which tells a token about resources it may not
 * see. Under the security profile the answer says only that the criteria were not specific enough.
 */
@Interceptor
final class MatchCountRedaction {

    static final String MESSAGE = "The conditional request's criteria match more than one resource; make them "
            + "more specific";
    private static final Pattern COUNT = Pattern.compile("\\d+\\s+(resources|results|matches)|matched");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException redact(RequestDetails request, Throwable failure) {
        if (failure instanceof PreconditionFailedException && COUNT.matcher(String.valueOf(failure.getMessage())).find()) {
            return new PreconditionFailedException(MESSAGE);
        }
        return null;
    }
}
