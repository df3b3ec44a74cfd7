package org.genegate.hooks;

import java.util.List;
import org.genegate.assessment.AssessmentService;
import org.genegate.assessment.MonitoringAssessment;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CdsResponse;
import org.genegate.cdshooks.CdsServiceDescriptor;
import org.genegate.cdshooks.HookRequest;
import org.genegate.monitoring.MonitoringReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The patient-view hook after a gene therapy infusion: the {@link AssessmentService} reviews the post-infusion
 * monitoring of the product given on the record read like the order hooks' (prefetch, then the fhirServer or this
 * server's store), and the answer is one card per alert, named for that product. A patient without a completed
 * administration of a gated product gets no cards.
 */
public final class PatientViewService {

    private static final Logger log = LoggerFactory.getLogger(PatientViewService.class);

    private final HookRequestReader reader;
    private final AssessmentService assessments;
    private final RecordSource recordSource;
    private final ProductCards cards;

    public PatientViewService(HookRequestReader reader, AssessmentService assessments, RecordSource recordSource,
                              ProductCards cards) {
        this.reader = reader;
        this.assessments = assessments;
        this.recordSource = recordSource;
        this.cards = cards;
    }

    public CdsResponse handle(CdsServiceDescriptor service, String body) {
        long started = System.nanoTime();
        HookRequest request = reader.read(body, service.hook());
        MonitoringAssessment result = assessments.reviewMonitoring(recordSource.recordRequest(request));
        List<Card> answer = result.review().map(r -> cards.of(result.product()).monitoring().compose(r,
                        request.context().patientId()))
                .orElse(List.of());
        log.info("hook=patient-view instance={} patient={} product={} administered={} asOf={} alerts={} in {} ms",
                request.hookInstance(), request.context().patientId(), result.product().billingCode(),
                result.review().map(MonitoringReview::administered).orElse(null), result.asOf(),
                result.review().map(r -> r.alerts().stream().map(a -> a.kind().code()).toList()).orElse(List.of()),
                (System.nanoTime() - started) / 1_000_000);
        return new CdsResponse(answer, null);
    }
}
