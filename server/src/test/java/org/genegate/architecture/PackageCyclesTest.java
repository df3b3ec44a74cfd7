package org.genegate.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of GeneGate imports a package that imports it back, directly or over others: each package can then be
 * read, tested and changed with only what it stands on. Runs in the server module, which sees both modules' classes.
 */
class PackageCyclesTest {

    private static final JavaClasses GENEGATE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.genegate");

    @Test
    void bothModulesAreChecked() {
        assertThat(GENEGATE.contain("org.genegate.hooks.HookService")).isTrue();
        assertThat(GENEGATE.contain("org.genegate.server.GeneGateServerApplication")).isTrue();
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.genegate.(**)").should().beFreeOfCycles().check(GENEGATE);
    }

    @Test
    void theRuleFailsOnACycle() {
        JavaClasses cycle = new ClassFileImporter().importPackages("org.genegate.architecture.cyclefixture");

        assertThatThrownBy(() -> slices().matching("org.genegate.architecture.cyclefixture.(**)").should()
                .beFreeOfCycles().check(cycle))
                .isInstanceOf(AssertionError.class).hasMessageContaining("left").hasMessageContaining("right");
    }
}
