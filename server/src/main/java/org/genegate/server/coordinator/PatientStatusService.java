package org.genegate.server.coordinator;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genegate.fetch.RecordAssembler;
import org.genegate.gates.Assessment;
import org.genegate.gates.DraftOrder;
import org.genegate.gates.GateEngine;
import org.genegate.hooks.HookContext;
import org.genegate.monitoring.MonitoringReview;
import org.genegate.monitoring.PostInfusionMonitor;
import org.genegate.monitoring.ScheduleEntry;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.server.record.LocalFhirQuery;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Reads one patient's record from this server's store (as {@code $j1411-readiness} does) and runs on it the gate
 * engine and the post-infusion review the patient-view hook runs: no clinical rule of its own.
 */
@Component
public class PatientStatusService {

    private final RecordAssembler assembler;
    private final LocalFhirQuery localStore;
    private final GateEngine engine;
    private final PostInfusionMonitor monitor;
    private final Clock clock = Clock.systemDefaultZone();

    public PatientStatusService(RecordAssembler assembler, LocalFhirQuery localStore, GateEngine engine,
                                PostInfusionMonitor monitor) {
        this.assembler = assembler;
        this.localStore = localStore;
        this.engine = engine;
        this.monitor = monitor;
    }

    /** The patient's status today; the caller has checked that the patient exists. */
    public PatientStatus status(Patient patient) {
        String id = patient.getIdElement().getIdPart();
        LocalDate today = LocalDate.now(clock);
        PatientRecord record = assembler.assemble(new HookContext(null, id, null, new Bundle(), List.of()), Map.of(),
                null, localStore, EnumSet.allOf(RecordPart.class));
        Assessment assessment = engine.assess(record, DraftOrder.none(id, today));
        Optional<MonitoringReview> review = monitor.review(record, today);
        List<ScheduleEntry> schedule = review.map(r -> monitor.schedule(record, r)).orElse(List.of());
        return new PatientStatus(patient, assessment, review, schedule);
    }
}
