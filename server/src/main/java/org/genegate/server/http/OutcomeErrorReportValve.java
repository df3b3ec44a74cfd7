package org.genegate.server.http;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's answer to a request it refuses before any filter or servlet sees it (an encoded slash or backslash
 * in the path, a malformed request line): an OperationOutcome, as every other error of this server, instead of
 * Tomcat's HTML page. Errors that the application already answered keep their body.
 */
public class OutcomeErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String diagnostics = status == 400
                ? "The request is not valid HTTP for this server (for example an encoded slash or backslash in the path)"
                : "HTTP " + status;
        try {
            response.setContentType(PlainOutcome.contentType(request.getRequestURI()));
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(PlainOutcome.json(status, diagnostics));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already committed: nothing more can be said.
        }
    }
}
