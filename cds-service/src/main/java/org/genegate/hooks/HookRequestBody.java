package org.genegate.hooks;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads a hook request body without trusting the client: JSON media types only (415), at most
 * {@code maxBytes} (413, decided while reading, so a huge body is never held in memory), UTF-8 (400).
 * A gzip-encoded body ({@code Content-Encoding: gzip}) is decoded as it is read, and the limit applies to the
 * decoded bytes, so a small "gzip bomb" is refused with 413 after {@code maxBytes}; any other content coding
 * is 415 (RFC 9110 section 8.4.1: a server answers 415 to a coding it does not support).
 */
final class HookRequestBody {

    /** What is read and thrown away past the limit, so the client can still read the 413 on a kept-alive connection. */
    private static final long DISCARD_AT_MOST = 64L * 1024 * 1024;

    private HookRequestBody() {
    }

    static String read(HttpServletRequest request, int maxBytes) {
        requireJson(request.getContentType());
        boolean gzip = gzipEncoded(request.getHeader(HttpHeaders.CONTENT_ENCODING));
        long declared = request.getContentLengthLong();
        try (InputStream raw = request.getInputStream(); InputStream in = gzip ? gunzip(raw) : raw) {
            if (declared > maxBytes) {
                discard(raw);
                throw tooLarge(maxBytes);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (body.size() + read > maxBytes) {
                    discard(raw);
                    throw tooLarge(maxBytes);
                }
                body.write(buffer, 0, read);
            }
            return utf8(body.toByteArray());
        } catch (ZipException | EOFException e) {
            throw HookRequestException.notJson("The request body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw HookRequestException.notJson("The request body could not be read: " + e.getMessage());
        }
    }

    /** Whether the body is gzip; 415 for any content coding but gzip and identity. */
    private static boolean gzipEncoded(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return false;
        }
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (coding.equals("identity")) {
            return false;
        }
        if (coding.equals("gzip") || coding.equals("x-gzip")) {
            return true;
        }
        throw HookRequestException.unsupportedMediaType("Content-Encoding " + contentEncoding.trim()
                + " is not supported; send the body as is or gzip-encoded");
    }

    private static InputStream gunzip(InputStream raw) throws IOException {
        try {
            return new GZIPInputStream(raw, 8192);
        } catch (ZipException | EOFException e) {
            throw HookRequestException.notJson("The request body is not valid gzip: " + e.getMessage());
        }
    }

    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return; // CDS Hooks clients send application/json; a missing header is read as JSON.
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw HookRequestException.unsupportedMediaType("Content-Type is not a media type");
        }
        boolean json = "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        if (!json) {
            throw HookRequestException.unsupportedMediaType("A CDS Hooks request is application/json, not "
                    + type.getType() + "/" + type.getSubtype());
        }
        if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw HookRequestException.unsupportedMediaType("A CDS Hooks request is UTF-8");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw HookRequestException.notJson("The request body is not UTF-8 text");
        }
    }

    private static void discard(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[8192];
        int read;
        while (skipped < DISCARD_AT_MOST && (read = in.read(buffer)) != -1) {
            skipped += read;
        }
    }

    private static HookRequestException tooLarge(int maxBytes) {
        return HookRequestException.tooLarge("The request body is larger than " + maxBytes
                + " bytes (genegate.hooks.max-request-size)");
    }
}
