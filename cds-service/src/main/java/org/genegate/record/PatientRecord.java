package org.genegate.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What is known of one patient when a gate runs. A part is either available (possibly empty:
 * "no data") or unavailable with a reason (it could not be fetched). Gates must never treat an
 * unavailable part as empty.
 */
public final class PatientRecord {

    private final Map<RecordPart, List<Resource>> available;
    private final Map<RecordPart, String> unavailable;

    private PatientRecord(Map<RecordPart, List<Resource>> available, Map<RecordPart, String> unavailable) {
        this.available = available;
        this.unavailable = unavailable;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Patient> patient() {
        return resources(RecordPart.PATIENT, Patient.class).stream().findFirst();
    }

    /** Resources of the given type in an available part; empty when the part has none or is unavailable. */
    public <T extends Resource> List<T> resources(RecordPart part, Class<T> type) {
        List<Resource> all = available.getOrDefault(part, List.of());
        List<T> matching = new ArrayList<>(all.size());
        for (Resource resource : all) {
            if (type.isInstance(resource)) {
                matching.add(type.cast(resource));
            }
        }
        return matching;
    }

    public boolean isAvailable(RecordPart part) {
        return available.containsKey(part);
    }

    /** Why a part could not be had, or empty when it is available. */
    public Optional<String> unavailableReason(RecordPart part) {
        return Optional.ofNullable(unavailable.get(part));
    }

    public Map<RecordPart, String> unavailableParts() {
        return Collections.unmodifiableMap(unavailable);
    }

    public static final class Builder {
        private final Map<RecordPart, List<Resource>> available = new EnumMap<>(RecordPart.class);
        private final Map<RecordPart, String> unavailable = new EnumMap<>(RecordPart.class);

        /** Marks the part available with these resources (an empty list means "no data"). */
        public Builder part(RecordPart part, List<? extends Resource> resources) {
            unavailable.remove(part);
            available.put(part, List.copyOf(resources));
            return this;
        }

        public Builder unavailable(RecordPart part, String reason) {
            available.remove(part);
            unavailable.put(part, reason);
            return this;
        }

        public PatientRecord build() {
            return new PatientRecord(new EnumMap<>(available), new EnumMap<>(unavailable));
        }
    }
}
