package org.genegate.findings;

import java.time.LocalDate;

/**
 * One piece of the record a finding rests on.
 *
 * @param reference a FHIR reference such as {@code Observation/nab-1}, or null for the draft order itself
 * @param what      what the item is, e.g. "anti-AAV5 NAb titer"
 * @param value     the value as read, e.g. "1:900" or "72.5 kg"
 * @param date      the clinically relevant date (effective, onset, authored), or null
 */
public record Evidence(String reference, String what, String value, LocalDate date) {
}
