package org.genegate.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.genegate.gates.Gates;
import org.genegate.policy.PolicyLoader;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The patient page in headless Chromium, loaded in open local mode for scenario patients: before the infusion the
 * checklist (gates, what to do, dose, payer), after it the follow-up (alerts, schedule, chart) with the checklist
 * folded away as history. Each page passes axe-core with no serious or critical violation and leaves a screenshot
 * in target/screenshots/.
 */
class PatientPageIT extends AbstractBrowserIT {

    private WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private String gateStatus(String gate) {
        return find("#checklist tr[data-gate='" + gate + "']").getAttribute("data-status");
    }

    @Test
    void beforeTheInfusionTheChecklistSaysWhatIsOpenAndWhatToDo() {
        browser.load(app("?patient=eligible-patient"));
        browser.screenshot("patient-pre-infusion-eligible");

        assertThat(find("#phase").getAttribute("data-phase")).isEqualTo("pre-infusion");
        assertThat(find("#phase").getText()).isEqualTo("Before Hemgenix");
        assertThat(find("#readiness").getAttribute("data-readiness")).isEqualTo("incomplete");
        assertThat(find("#readiness").getText()).startsWith("Incomplete");
        assertThat(find("#follow-up").isDisplayed()).isFalse();
        assertThat(gateStatus("coding")).isEqualTo("missing");
        assertThat(find("#checklist tr[data-gate='weight-and-dose']").getText())
                .contains("Set the dose to 140 mL (14 vials) for 70 kg");
        assertThat(find("#patient").getText()).contains("Daniel Okafor", "male", "Patient/eligible-patient");
        // One baseline result per series is no trend: the values are said in words and shown as a table.
        WebElement labs = find("#labs");
        assertThat(labs.getAttribute("data-alt-points")).isEqualTo("1");
        assertThat(find("#labs .chart").isDisplayed()).isFalse();
        assertThat(find("#labs-note").getText()).startsWith("Before Hemgenix one baseline result each: ALT 25 U/L");
        assertThat(browser.driver.findElements(By.cssSelector("#labs-table tbody tr"))).hasSize(1);
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    void everyGateThatDoesNotPassSaysWhatToDoIncludingAHighNab() {
        browser.load(app("?patient=nab-high-patient"));
        browser.screenshot("patient-pre-infusion-nab-high");

        assertThat(gateStatus("nab-aav5")).isEqualTo("fail");
        List<WebElement> open = browser.driver.findElements(By.cssSelector(
                "#checklist tbody tr:not([data-status='pass'])"));
        assertThat(open).isNotEmpty().allSatisfy(row ->
                assertThat(row.findElements(By.cssSelector("ul.remedies li"))).as(row.getAttribute("data-gate"))
                        .isNotEmpty());
        assertThat(find("#checklist tr[data-gate='nab-aav5'] td.status").getText()).isEqualTo("Fail");
    }

    @Test
    void afterTheInfusionThePageFollowsTheScheduleAndNeverFailsTheDoseItself() {
        Scenario scenario = Scenarios.byId("post-infusion-alt-rise");
        browser.load(app("launch.html?patient=" + scenario.patientId()));
        browser.screenshot("patient-post-infusion-alt-rise");

        assertThat(browser.driver.getCurrentUrl()).endsWith("/app/index.html?patient=" + scenario.patientId());
        assertThat(find("#phase").getAttribute("data-phase")).isEqualTo("post-infusion");
        assertThat(find("#phase").getText()).isEqualTo("After Hemgenix · week 14 of follow-up");
        assertThat(find("#readiness").isDisplayed()).isFalse();
        assertThat(browser.driver.findElements(By.cssSelector("#alerts li[data-kind]")))
                .extracting(e -> e.getAttribute("data-kind")).containsExactlyInAnyOrder("alt", "overdue");
        assertThat(find("#alerts li[data-kind='alt']").getText()).startsWith("Warning");
        assertThat(find("#schedule tr[data-status='overdue'] th").getText()).isEqualTo("week 13");
        assertThat(find("#schedule tr[data-status='overdue'] td.status").getText()).isEqualTo("Overdue");
        assertThat(browser.driver.findElements(By.cssSelector("#schedule tr[data-kind='weekly'][data-status='done']")))
                .hasSize(12);

        // The checklist is history, folded away; the dose is "given", never a failed gate.
        WebElement history = find("#gates-history");
        assertThat(history.getAttribute("open")).isNull();
        assertThat(history.findElements(By.cssSelector("#checklist tbody tr"))).hasSize(PolicyLoader.loadDefault(Gates.ALL).gates().size());
        assertThat(gateStatus("prior-gene-therapy")).isEqualTo("given");
        assertThat(browser.driver.findElements(By.cssSelector("#checklist tr[data-gate='prior-gene-therapy'] td")))
                .noneMatch(td -> td.getAttribute("textContent").contains("Fail"));
        assertThat(find("#dose").isDisplayed()).isFalse();
        assertThat(find("#payer-name").getText()).isEqualTo("UnitedHealthcare (Optum)");

        WebElement labs = find("#labs");
        // 12 weekly results plus the pre-infusion baseline of each.
        assertThat(labs.getAttribute("data-alt-points")).isEqualTo("13");
        assertThat(labs.getAttribute("data-fix-points")).isEqualTo("13");
        assertThat(labs.getAttribute("data-uln")).isEqualTo("56");
        assertThat(labs.getAttribute("data-baseline-twice")).isEqualTo("50");
        assertThat(labs.getAttribute("data-steroid-courses")).isEqualTo("0");
        // The clinical follow-up dates, counted in months from the (moved) infusion day.
        LocalDate given = LocalDate.parse(scenario.dates().shift("2026-11-20"));
        assertThat(labs.getAttribute("data-milestones").split(" ")).containsExactlyElementsOf(
                Stream.of(3, 6, 9, 12, 18, 24, 36, 48, 60).map(m -> given.plusMonths(m).toString()).toList());
        Object drawn = ((JavascriptExecutor) browser.driver).executeScript(
                "var c = document.getElementById('labs-chart');"
                        + "var p = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "var n = 0; for (var i = 3; i < p.length; i += 4) { if (p[i] > 0) { n++; } } return n;");
        assertThat(((Number) drawn).longValue()).as("painted pixels of the chart").isGreaterThan(1000);
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();

        history.findElement(By.tagName("summary")).click();
        browser.screenshot("patient-post-infusion-alt-rise-history-open");
        assertThat(find("#checklist tr[data-gate='prior-gene-therapy'] td.status").getText())
                .isEqualTo("Given (this dose)");
    }

    @Test
    void withoutAPatientThePageOffersThePatients() {
        browser.load(app(""));

        assertThat(browser.driver.findElements(By.cssSelector("#patients a"))).extracting(WebElement::getText)
                .contains("eligible-patient", "post-infusion-on-track-patient");
    }

    @Test
    void anUnknownPatientIsShownAsAnError() {
        browser.driver.get(app("index.html?patient=nobody-here"));
        browser.awaitReady();

        assertThat(find("body").getAttribute("data-ready")).isEqualTo("error");
        assertThat(find("#error").getText()).contains("404");
    }

    @Test
    void theSmartLaunchUsesPkceAndFailsClearlyWithoutSmartDiscovery() {
        browser.load(app("?patient=eligible-patient"));
        // RFC 7636 appendix B: the S256 challenge of this verifier.
        Object challenge = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "GeneGateSmart.challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk').then(done);");
        assertThat(challenge).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        browser.driver.get(app("launch.html?iss=" + fhirBase() + "&launch=abc"));
        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(30)).until(d ->
                d.findElement(By.id("status")).getText().startsWith("Launch failed"));
        assertThat(find("#status").getText()).contains("SMART discovery", "404");
    }
}
