package org.genegate.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TiterTest {

    @Test
    void readsTheFormsLabsWrite() {
        assertThat(Titer.parse("1:678")).hasValueSatisfying(t -> {
            assertThat(t.dilution()).isEqualByComparingTo("678");
            assertThat(t.bound()).isEqualTo(Titer.Bound.EXACT);
        });
        assertThat(Titer.parse(" < 1 : 50 ")).hasValueSatisfying(t -> assertThat(t.text()).isEqualTo("<1:50"));
        assertThat(Titer.parse("<=1:678")).hasValueSatisfying(t -> assertThat(t.bound()).isEqualTo(Titer.Bound.AT_MOST));
        assertThat(Titer.parse(">1:3212")).hasValueSatisfying(t -> assertThat(t.bound()).isEqualTo(Titer.Bound.ABOVE));
        assertThat(Titer.parse("2:1356")).hasValueSatisfying(t -> assertThat(t.dilution()).isEqualByComparingTo("678"));
    }

    @Test
    void rejectsWhatIsNotATiter() {
        assertThat(Titer.parse("negative")).isEmpty();
        assertThat(Titer.parse("1:")).isEmpty();
        assertThat(Titer.parse("0:50")).isEmpty();
        assertThat(Titer.parse("1:2:3")).isEmpty();
        assertThat(Titer.parse(null)).isEmpty();
    }
}
