package org.genegate.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.genegate.gates.Gates;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The SMART checklist page in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them):
 * loaded in open local mode for scenario patients, it must show their gates, dose, payer and lab chart. A
 * screenshot of each page is left in target/ for people to look at.
 */
class ChecklistPageIT extends AbstractServerIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static WebDriver browser;

    @BeforeAll
    static void browser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed: "
                + "apt-get install -y chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,2000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String app(String path) {
        return "http://localhost:" + port + "/app/" + path;
    }

    private void load(String url) {
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            String ready = d.findElement(By.tagName("body")).getAttribute("data-ready");
            return ready != null;
        });
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-ready"))
                .as(browser.findElement(By.id("error")).getText()).isEqualTo("true");
    }

    private void screenshot(String name) throws IOException {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "checklist-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private String gateStatus(String gate) {
        return browser.findElement(By.cssSelector("#checklist tr[data-gate='" + gate + "']")).getAttribute("data-status");
    }

    @Test
    void afterTheInfusionThePageShowsGatesDosePayerAndTheLabChart() throws IOException {
        load(app("launch.html?patient=post-infusion-alt-rise-patient"));
        screenshot("post-infusion-alt-rise");

        assertThat(browser.getCurrentUrl()).endsWith("/app/index.html?patient=post-infusion-alt-rise-patient");
        assertThat(browser.findElement(By.id("patient")).getText()).contains("Post-Infusion-Alt-Rise",
                "Patient/post-infusion-alt-rise-patient");
        List<WebElement> gates = browser.findElements(By.cssSelector("#checklist tbody tr"));
        assertThat(gates).hasSize(Gates.ALL.size());
        assertThat(gateStatus("prior-gene-therapy")).isEqualTo("fail");
        assertThat(gateStatus("nab-aav5")).isEqualTo("pass");
        assertThat(browser.findElement(By.cssSelector("#checklist tr[data-gate='nab-aav5']")).getText())
                .contains("Source (EU SmPC): EU SmPC", "Observation/post-infusion-alt-rise-aav5-nab");
        assertThat(browser.findElement(By.id("readiness")).getAttribute("data-readiness")).isEqualTo("not-ready");
        assertThat(browser.findElement(By.id("dose-volume")).getText()).isEqualTo("140 mL (2 mL/kg)");
        assertThat(browser.findElement(By.id("payer-name")).getText()).isEqualTo("UnitedHealthcare (Optum)");
        assertThat(browser.findElements(By.cssSelector("#payer-documentation li"))).hasSizeGreaterThan(2);

        WebElement labs = browser.findElement(By.id("labs"));
        // 12 weekly results plus the pre-infusion baseline of each.
        assertThat(labs.getAttribute("data-alt-points")).isEqualTo("13");
        assertThat(labs.getAttribute("data-fix-points")).isEqualTo("13");
        assertThat(labs.getAttribute("data-uln")).isEqualTo("56");
        assertThat(labs.getAttribute("data-baseline-twice")).isEqualTo("50");
        // The clinical follow-up dates: every 3 months to month 12, every 6 in year 2, yearly to year 5.
        assertThat(labs.getAttribute("data-milestones").split(" ")).containsExactly("2027-02-20", "2027-05-20",
                "2027-08-20", "2027-11-20", "2028-05-20", "2028-11-20", "2029-11-20", "2030-11-20", "2031-11-20");
        Object drawn = ((JavascriptExecutor) browser).executeScript(
                "var c = document.getElementById('labs-chart');"
                        + "var p = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "var n = 0; for (var i = 3; i < p.length; i += 4) { if (p[i] > 0) { n++; } } return n;");
        assertThat(((Number) drawn).longValue()).as("painted pixels of the chart").isGreaterThan(1000);
    }

    @Test
    void beforeAnyOrderTheChecklistSaysWhatIsOpenAndGivesTheDose() throws IOException {
        load(app("?patient=eligible-patient"));
        screenshot("eligible");

        assertThat(browser.findElement(By.id("readiness")).getAttribute("data-readiness")).isEqualTo("incomplete");
        assertThat(gateStatus("coding")).isEqualTo("missing");
        assertThat(browser.findElement(By.cssSelector("#checklist tr[data-gate='weight-and-dose']")).getText())
                .contains("Set the dose to 140 mL (14 vials) for 70 kg");
        WebElement labs = browser.findElement(By.id("labs"));
        assertThat(labs.getAttribute("data-alt-points")).isEqualTo("1");
        assertThat(labs.getAttribute("data-baseline-twice")).isEmpty();
        assertThat(browser.findElement(By.id("labs-note")).getText()).startsWith("No Hemgenix administration");
    }

    @Test
    void withoutAPatientThePageOffersThePatients() {
        load(app(""));

        assertThat(browser.findElements(By.cssSelector("#patients a"))).extracting(WebElement::getText)
                .contains("eligible-patient", "post-infusion-on-track-patient");
    }

    @Test
    void anUnknownPatientIsShownAsAnError() {
        browser.get(app("index.html?patient=nobody-here"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "error".equals(
                d.findElement(By.tagName("body")).getAttribute("data-ready")));

        assertThat(browser.findElement(By.id("error")).getText()).contains("404");
    }

    @Test
    void theSmartLaunchUsesPkceAndFailsClearlyWithoutSmartDiscovery() {
        load(app("?patient=eligible-patient"));
        // RFC 7636 appendix B: the S256 challenge of this verifier.
        Object challenge = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "GeneGateSmart.challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk').then(done);");
        assertThat(challenge).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        browser.get(app("launch.html?iss=" + fhirBase() + "&launch=abc"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d ->
                d.findElement(By.id("status")).getText().startsWith("Launch failed"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("SMART discovery", "404");
    }
}
