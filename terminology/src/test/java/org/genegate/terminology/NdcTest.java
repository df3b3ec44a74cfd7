package org.genegate.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NdcTest {

    @ParameterizedTest
    @CsvSource({
        "0053-0300-30, 00053030030",   // 4-4-2
        "12345-678-90, 12345067890",   // 5-3-2
        "12345-6789-0, 12345678900",   // 5-4-1
        "00053-0300-30, 00053030030",  // 5-4-2 already
        "00053030030, 00053030030"     // 11 digits
    })
    void hyphenatedAndElevenDigitFormsNormalise(String ndc, String eleven) {
        assertThat(Ndc.toElevenDigits(ndc)).contains(eleven);
        assertThat(Ndc.elevenDigitCandidates(ndc)).containsExactly(eleven);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0053-0300", "123-4567-89", "0053030030", "000530300301"})
    void otherFormsHaveNoSingleElevenDigitReading(String ndc) {
        assertThat(Ndc.toElevenDigits(ndc)).isEmpty();
    }

    @Test
    void tenDigitsWithoutHyphensHaveThreeReadings() {
        assertThat(Ndc.elevenDigitCandidates("0053030030"))
                .containsExactly("00053030030", "00530030030", "00530300300");
    }

    @Test
    void nullIsNoNdc() {
        assertThat(Ndc.toElevenDigits(null)).isEmpty();
        assertThat(Ndc.elevenDigitCandidates(null)).isEmpty();
    }

    @Test
    void claimFormatIsElevenDigitsWithoutHyphens() {
        assertThat(Ndc.claimFormat("0053-0300-30")).isEqualTo("00053030030");
        assertThatThrownBy(() -> Ndc.claimFormat("0053030030")).isInstanceOf(IllegalArgumentException.class);
    }
}
