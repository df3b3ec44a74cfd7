package org.genegate.orders;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.genegate.gates.Gates;
import org.genegate.policy.PolicyLoader;
import org.genegate.terminology.CodeIndex;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DeviceRequest;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

class ProductMentionsTest {

    private final ProductMentions mentions = new ProductMentions(FhirContext.forR4Cached(),
            new ProductRecognizer(CodeIndex.load(FhirContext.forR4Cached()),
                    PolicyLoader.loadDefault(Gates.ALL).product()));

    @Test
    void aServiceRequestCodedJ1411UnderTheOidIsAMention() {
        ServiceRequest request = new ServiceRequest().setCode(new CodeableConcept(
                new Coding("urn:oid:2.16.840.1.113883.6.285", "J1411", null)));

        assertThat(mentions.find(request)).contains("coded J1411");
    }

    @Test
    void textAnywhereIsAMention() {
        DeviceRequest request = new DeviceRequest();
        request.addNote().setText("Infuse etranacogene at the HTC");

        assertThat(mentions.find(request)).hasValueSatisfying(m -> assertThat(m).contains("etranacogene"));
    }

    @Test
    void referencesAndIdentifiersAreNamesNotMentions() {
        ServiceRequest request = new ServiceRequest().setCode(new CodeableConcept(
                new Coding("http://www.ama-assn.org/go/cpt", "96365", null)));
        request.addBasedOn(new Reference("MedicationRequest/hemgenix-order"));
        request.addIdentifier(new Identifier().setValue("HEMGENIX-42"));

        assertThat(mentions.find(request)).isEmpty();
    }
}
