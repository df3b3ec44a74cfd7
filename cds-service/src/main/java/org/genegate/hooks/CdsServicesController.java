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

/** CDS Hooks 2.0 endpoints: discovery, the two J1411 services and their feedback. */
@RestController
@RequestMapping(path = "/cds-services")
@CrossOrigin(origins = "*", allowedHeaders = "*", methods = {
        org.springframework.web.bind.annotation.RequestMethod.GET,
        org.springframework.web.bind.annotation.RequestMethod.POST,
        org.springframework.web.bind.annotation.RequestMethod.OPTIONS})
public class CdsServicesController {

    private final CdsServiceCatalog catalog;
    private final HookService hookService;
    private final FeedbackReader feedbackReader;
    private final AuditTrail auditTrail;

    public CdsServicesController(CdsServiceCatalog catalog, HookService hookService, AuditTrail auditTrail) {
        this.catalog = catalog;
        this.hookService = hookService;
        this.feedbackReader = new FeedbackReader();
        this.auditTrail = auditTrail;
    }

    @GetMapping
    public DiscoveryResponse discovery() {
        return new DiscoveryResponse(catalog.services());
    }

    @PostMapping(path = "/{id}")
    public CdsResponse call(@PathVariable("id") String id, @RequestBody(required = false) String body) {
        CdsServiceDescriptor service = catalog.find(id).orElseThrow(() -> HookRequestException.unknownService(id));
        return hookService.handle(service, body);
    }

    /** CDS Hooks 2.0 feedback: each item becomes an AuditEvent; the answer is an empty object. */
    @PostMapping(path = "/{id}/feedback")
    public Map<String, Object> feedback(@PathVariable("id") String id, @RequestBody(required = false) String body) {
        CdsServiceDescriptor service = catalog.find(id).orElseThrow(() -> HookRequestException.unknownService(id));
        auditTrail.feedback(service.id(), feedbackReader.read(body));
        return Map.of();
    }
}
