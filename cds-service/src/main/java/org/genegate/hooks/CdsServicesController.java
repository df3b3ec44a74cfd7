package org.genegate.hooks;

import org.genegate.cards.CdsResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** CDS Hooks 2.0 endpoints: discovery, the two J1411 order services and the post-infusion patient-view. */
@RestController
@RequestMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
@CrossOrigin(origins = "*", allowedHeaders = "*", methods = {
        org.springframework.web.bind.annotation.RequestMethod.GET,
        org.springframework.web.bind.annotation.RequestMethod.POST,
        org.springframework.web.bind.annotation.RequestMethod.OPTIONS})
public class CdsServicesController {

    private final CdsServiceCatalog catalog;
    private final HookService hookService;
    private final PatientViewService patientViewService;

    public CdsServicesController(CdsServiceCatalog catalog, HookService hookService,
                                 PatientViewService patientViewService) {
        this.catalog = catalog;
        this.hookService = hookService;
        this.patientViewService = patientViewService;
    }

    @GetMapping
    public DiscoveryResponse discovery() {
        return new DiscoveryResponse(catalog.services());
    }

    @PostMapping(path = "/{id}")
    public CdsResponse call(@PathVariable("id") String id, @RequestBody(required = false) String body) {
        CdsServiceDescriptor service = catalog.find(id).orElseThrow(() -> HookRequestException.unknownService(id));
        return "patient-view".equals(service.hook()) ? patientViewService.handle(service, body)
                : hookService.handle(service, body);
    }
}
