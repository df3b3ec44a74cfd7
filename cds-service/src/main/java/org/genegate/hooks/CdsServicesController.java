package org.genegate.hooks;

import java.util.Map;
import org.genegate.audit.AuditTrail;
import org.genegate.cards.CdsResponse;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * CDS Hooks 2.0 endpoints: discovery, the two J1411 order services, the post-infusion patient-view, and
 * their feedback.
 */
@RestController
@RequestMapping(path = "/cds-services")
@CrossOrigin(origins = "*", allowedHeaders = "*", methods = {
        org.springframework.web.bind.annotation.RequestMethod.GET,
        org.springframework.web.bind.annotation.RequestMethod.POST,
        org.springframework.web.bind.annotation.RequestMethod.OPTIONS})
public class CdsServicesController {

    /** Where the SMART checklist page is launched, relative to this server. */
    static final String SMART_LAUNCH_PATH = "/app/launch.html";

    private final CdsServiceCatalog catalog;
    private final HookService hookService;
    private final FeedbackReader feedbackReader;
    private final AuditTrail auditTrail;
    private final PatientViewService patientViewService;
    private final HookProperties properties;

    public CdsServicesController(CdsServiceCatalog catalog, HookService hookService, AuditTrail auditTrail,
                                 PatientViewService patientViewService, HookProperties properties) {
        this.catalog = catalog;
        this.hookService = hookService;
        this.feedbackReader = new FeedbackReader();
        this.auditTrail = auditTrail;
        this.patientViewService = patientViewService;
        this.properties = properties;
    }

    @GetMapping
    public DiscoveryResponse discovery() {
        return new DiscoveryResponse(catalog.services());
    }

    /** The configured launch URL, else this server's own page as the request reached it. */
    private String smartAppUrl() {
        return properties.smartAppUrl().isBlank()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().path(SMART_LAUNCH_PATH).toUriString()
                : properties.smartAppUrl();
    }

    @PostMapping(path = "/{id}")
    public CdsResponse call(@PathVariable("id") String id, @RequestBody(required = false) String body) {
        CdsServiceDescriptor service = catalog.find(id).orElseThrow(() -> HookRequestException.unknownService(id));
        return "patient-view".equals(service.hook()) ? patientViewService.handle(service, body)
                : hookService.handle(service, body, smartAppUrl());
    }

    /** CDS Hooks 2.0 feedback: each item becomes an AuditEvent; the answer is an empty object. */
    @PostMapping(path = "/{id}/feedback")
    public Map<String, Object> feedback(@PathVariable("id") String id, @RequestBody(required = false) String body) {
        CdsServiceDescriptor service = catalog.find(id).orElseThrow(() -> HookRequestException.unknownService(id));
        auditTrail.feedback(service.id(), feedbackReader.read(body));
        return Map.of();
    }
}
