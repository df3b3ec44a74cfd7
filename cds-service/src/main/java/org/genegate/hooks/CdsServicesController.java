package org.genegate.hooks;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.genegate.audit.AuditTrail;
import org.genegate.cdshooks.CdsResponse;
import org.genegate.cdshooks.CdsServiceDescriptor;
import org.genegate.cdshooks.DiscoveryResponse;
import org.genegate.security.settings.SecurityProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * CDS Hooks 2.0 endpoints: discovery, the two J1411 order services, the post-infusion patient-view, and
 * their feedback. Answers are JSON whatever the client's Accept header says (CDS Hooks has no other format).
 * Every other method or path under /cds-services is answered here too, so that every refusal is an
 * OperationOutcome ({@link CdsErrorHandler}).
 */
@RestController
@RequestMapping(path = "/cds-services")
@CrossOrigin(origins = "*", allowedHeaders = "*", methods = {RequestMethod.GET, RequestMethod.POST,
        RequestMethod.OPTIONS})
public class CdsServicesController {

    /** Where the SMART checklist page is launched, relative to this server. */
    static final String SMART_LAUNCH_PATH = "/app/launch.html";

    private final CdsServiceCatalog catalog;
    private final HookService hookService;
    private final FeedbackReader feedbackReader;
    private final AuditTrail auditTrail;
    private final PatientViewService patientViewService;
    private final HookProperties properties;
    private final String publicBaseUrl;
    private final int maxRequestBytes;

    public CdsServicesController(CdsServiceCatalog catalog, HookService hookService, AuditTrail auditTrail,
                                 PatientViewService patientViewService, HookProperties properties,
                                 SecurityProperties security) {
        this.catalog = catalog;
        this.hookService = hookService;
        this.feedbackReader = new FeedbackReader();
        this.auditTrail = auditTrail;
        this.patientViewService = patientViewService;
        this.properties = properties;
        this.publicBaseUrl = security.publicBaseUrl();
        this.maxRequestBytes = (int) properties.maxRequestSize().toBytes();
    }

    @GetMapping(path = {"", "/"})
    public ResponseEntity<DiscoveryResponse> discovery() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(new DiscoveryResponse(catalog.services()));
    }

    /**
     * The configured launch URL, else this server's own page under its public base URL (always set with the
     * security profile), else as the request reached it (the open, loopback-only server).
     */
    private String smartAppUrl() {
        if (!properties.smartAppUrl().isBlank()) {
            return properties.smartAppUrl();
        }
        return publicBaseUrl.isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().path(SMART_LAUNCH_PATH).toUriString()
                : publicBaseUrl + SMART_LAUNCH_PATH;
    }

    // A trailing slash is the same service, as it is for discovery: clients build URLs from a base that ends in "/".
    @PostMapping(path = {"/{id}", "/{id}/"})
    public ResponseEntity<CdsResponse> call(@PathVariable("id") String id, HttpServletRequest request) {
        CdsServiceDescriptor service = catalog.find(id).orElseThrow(() -> HookRequestException.unknownService(id));
        String body = HookRequestBody.read(request, maxRequestBytes);
        CdsResponse response = "patient-view".equals(service.hook()) ? patientViewService.handle(service, body)
                : hookService.handle(service, body, smartAppUrl());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
    }

    /** CDS Hooks 2.0 feedback: each item becomes an AuditEvent; the answer is an empty object. */
    @PostMapping(path = {"/{id}/feedback", "/{id}/feedback/"})
    public ResponseEntity<Map<String, Object>> feedback(@PathVariable("id") String id, HttpServletRequest request) {
        CdsServiceDescriptor service = catalog.find(id).orElseThrow(() -> HookRequestException.unknownService(id));
        auditTrail.feedback(service.id(), feedbackReader.read(HookRequestBody.read(request, maxRequestBytes)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
    }

    @RequestMapping(path = {"", "/"}, method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE})
    public void discoveryOtherMethods(HttpServletRequest request) {
        throw HookRequestException.methodNotAllowed(request.getMethod(), "GET");
    }

    @RequestMapping(path = {"/{id}", "/{id}/"}, method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE})
    public void serviceOtherMethods(HttpServletRequest request) {
        throw HookRequestException.methodNotAllowed(request.getMethod(), "POST");
    }

    @RequestMapping(path = "/{id}/**")
    public void nothingHere(HttpServletRequest request) {
        throw HookRequestException.notFound(request.getRequestURI());
    }
}
