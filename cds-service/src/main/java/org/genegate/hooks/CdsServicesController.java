package org.genegate.hooks;

import jakarta.servlet.http.HttpServletRequest;
import org.genegate.cards.CdsResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * CDS Hooks 2.0 endpoints: discovery and the two J1411 services. Answers are JSON whatever the client's
 * Accept header says (CDS Hooks has no other format). Every other method or path under /cds-services is
 * answered here too, so that every refusal is an OperationOutcome ({@link CdsErrorHandler}).
 */
@RestController
@RequestMapping(path = "/cds-services")
@CrossOrigin(origins = "*", allowedHeaders = "*", methods = {RequestMethod.GET, RequestMethod.POST,
        RequestMethod.OPTIONS})
public class CdsServicesController {

    private final CdsServiceCatalog catalog;
    private final HookService hookService;
    private final int maxRequestBytes;

    public CdsServicesController(CdsServiceCatalog catalog, HookService hookService, HookProperties properties) {
        this.catalog = catalog;
        this.hookService = hookService;
        this.maxRequestBytes = (int) properties.maxRequestSize().toBytes();
    }

    @GetMapping(path = {"", "/"})
    public ResponseEntity<DiscoveryResponse> discovery() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(new DiscoveryResponse(catalog.services()));
    }

    @PostMapping(path = "/{id}")
    public ResponseEntity<CdsResponse> call(@PathVariable("id") String id, HttpServletRequest request) {
        CdsServiceDescriptor service = catalog.find(id).orElseThrow(() -> HookRequestException.unknownService(id));
        String body = HookRequestBody.read(request, maxRequestBytes);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(hookService.handle(service, body));
    }

    @RequestMapping(path = {"", "/"}, method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE})
    public void discoveryOtherMethods(HttpServletRequest request) {
        throw HookRequestException.methodNotAllowed(request.getMethod(), "GET");
    }

    @RequestMapping(path = "/{id}", method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE})
    public void serviceOtherMethods(HttpServletRequest request) {
        throw HookRequestException.methodNotAllowed(request.getMethod(), "POST");
    }

    @RequestMapping(path = "/{id}/**")
    public void nothingHere(HttpServletRequest request) {
        throw HookRequestException.notFound(request.getRequestURI());
    }
}
