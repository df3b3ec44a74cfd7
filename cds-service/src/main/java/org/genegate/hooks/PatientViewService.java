package org.genegate.hooks;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.cards.Card;
import org.genegate.cards.CdsResponse;
import org.genegate.cards.MonitoringCards;
import org.genegate.clinical.FhirDates;
import org.genegate.fetch.RecordAssembler;
import org.genegate.monitoring.MonitoringReview;
import org.genegate.monitoring.PostInfusionMonitor;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Encounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The patient-view hook after a Hemgenix infusion: reads the record like the order hooks (prefetch, then the
 * fhirServer or this server's store), reviews the post-infusion monitoring, and answers with one card per
 * alert. A patient without a completed Hemgenix administration gets no cards.
 *
 * <p>Overdue items are judged on the day of the visit (the context encounter's start), else today, as the
 * order hooks judge on the order's date: a chart opened in a visit is reviewed as of that visit.
 */
public final class PatientViewService {

    /** The record parts the review reads. */
    public static final Set<RecordPart> PARTS = EnumSet.of(RecordPart.PATIENT, RecordPart.CONDITIONS,
            RecordPart.OBSERVATIONS, RecordPart.MEDICATION_ADMINISTRATIONS, RecordPart.DIAGNOSTIC_REPORTS,
            RecordPart.CARE_PLANS, RecordPart.ENCOUNTER);

    private static final Logger log = LoggerFactory.getLogger(PatientViewService.class);

    private final HookRequestReader reader;
    private final RecordAssembler assembler;
    private final RecordSource recordSource;
    private final PostInfusionMonitor monitor;
    private final MonitoringCards cards;
    private final Clock clock;

    public PatientViewService(HookRequestReader reader, RecordAssembler assembler, RecordSource recordSource,
                              PostInfusionMonitor monitor, MonitoringCards cards, Clock clock) {
        this.reader = reader;
        this.assembler = assembler;
        this.recordSource = recordSource;
        this.monitor = monitor;
        this.cards = cards;
        this.clock = clock;
    }

    public CdsResponse handle(CdsServiceDescriptor service, String body) {
        long started = System.nanoTime();
        HookRequest request = reader.read(body, service.hook());
        PatientRecord record = assembler.assemble(request, null, recordSource.forRequest(request), PARTS);
        LocalDate asOf = visitDay(record, request.context().encounterId()).orElse(LocalDate.now(clock));
        Optional<MonitoringReview> review = monitor.review(record, asOf);
        List<Card> answer = review.map(r -> cards.compose(r, request.context().patientId())).orElse(List.of());
        log.info("hook=patient-view instance={} patient={} administered={} asOf={} alerts={} in {} ms",
                request.hookInstance(), request.context().patientId(),
                review.map(MonitoringReview::administered).orElse(null), asOf,
                review.map(r -> r.alerts().stream().map(a -> a.kind().code()).toList()).orElse(List.of()),
                (System.nanoTime() - started) / 1_000_000);
        return new CdsResponse(answer, null);
    }

    private static Optional<LocalDate> visitDay(PatientRecord record, String encounterId) {
        if (encounterId == null) {
            return Optional.empty();
        }
        return record.resources(RecordPart.ENCOUNTER, Encounter.class).stream()
                .filter(e -> encounterId.equals(e.getIdElement().getIdPart()))
                .findFirst()
                .flatMap(e -> FhirDates.earliestDay(e.getPeriod().getStartElement()));
    }
}
