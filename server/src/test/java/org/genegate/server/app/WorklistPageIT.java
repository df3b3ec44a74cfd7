package org.genegate.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The coordinator's worklist in headless Chromium (open local mode): who is ready, who is overdue and who has an
 * ALT alert at a glance, in words; rows filter, sort and open the patient's page by keyboard. Passes axe-core with
 * no serious or critical violation; screenshots in target/screenshots/.
 */
class WorklistPageIT extends AbstractBrowserIT {

    private String worklist() {
        return app("worklist.html");
    }

    private List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#worklist tbody tr"));
    }

    private WebElement row(String patientId) {
        return browser.driver.findElement(By.cssSelector("#worklist tbody tr[data-patient='" + patientId + "']"));
    }

    @Test
    void oneLookSaysWhoIsReadyOverdueOrHasAnAltAlert() {
        browser.load(worklist());
        browser.screenshot("worklist");

        assertThat(rows()).hasSizeGreaterThanOrEqualTo(45);
        assertThat(row("post-infusion-alt-rise-patient").findElement(By.cssSelector("td.flags")).getText())
                .contains("ALT alert", "Overdue");
        assertThat(row("eligible-patient").findElement(By.cssSelector("td.flags")).getText()).isEqualTo("Ready");
        assertThat(row("nab-high-patient").getText()).contains("Before Hemgenix", "Incomplete");
        assertThat(row("post-infusion-milestone-overdue-patient").getText()).contains("Overdue");
        assertThat(row("post-infusion-on-track-patient").findElement(By.cssSelector("td.flags")).getText())
                .isEqualTo("—");
        // Most urgent first: a critical finding leads.
        assertThat(rows().get(0).findElement(By.cssSelector("td.flags")).getText()).contains("Critical");
        assertThat(browser.driver.findElement(By.cssSelector("#summary button[data-show='alt']")).getText())
                .isEqualTo("ALT alert: 1");
        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    }

    @Test
    void filtersAndSortingNarrowTheList() {
        browser.load(worklist());

        new Select(browser.driver.findElement(By.id("filter-show"))).selectByValue("alt");
        assertThat(rows()).extracting(r -> r.getAttribute("data-patient"))
                .containsExactly("post-infusion-alt-rise-patient");
        browser.screenshot("worklist-alt-alert");

        new Select(browser.driver.findElement(By.id("filter-show"))).selectByValue("all");
        browser.driver.findElement(By.id("filter-text")).sendKeys("okafor");
        assertThat(rows()).extracting(r -> r.getAttribute("data-patient")).containsExactly("eligible-patient");
        browser.driver.findElement(By.id("filter-text")).clear();
        browser.driver.findElement(By.id("filter-text")).sendKeys(" ");

        browser.driver.findElement(By.cssSelector("button[data-sort='name']")).click();
        // Sorted by name (the page's locale order; the initials are enough to see it).
        List<Character> initials = rows().stream()
                .map(r -> r.findElement(By.cssSelector("th a")).getText().charAt(0)).toList();
        assertThat(initials).isSorted();
        assertThat(browser.driver.findElement(By.cssSelector("button[data-sort='name']"))
                .findElement(By.xpath("..")).getAttribute("aria-sort")).isEqualTo("ascending");
    }

    @Test
    void tabToARowAndEnterOpensThePatientsPage() {
        browser.load(worklist());
        new Select(browser.driver.findElement(By.id("filter-show"))).selectByValue("alt");

        // From the last header control the next Tab stop is the first row.
        WebElement lastHeader = browser.driver.findElement(By.cssSelector("button[data-sort='payer']"));
        lastHeader.sendKeys(Keys.TAB);
        WebElement focused = browser.driver.switchTo().activeElement();
        assertThat(focused.getAttribute("data-patient")).isEqualTo("post-infusion-alt-rise-patient");
        focused.sendKeys(Keys.ENTER);

        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(30)).until(d ->
                d.getCurrentUrl().endsWith("index.html?patient=post-infusion-alt-rise-patient"));
        browser.awaitReady();
        assertThat(browser.driver.findElement(By.id("phase")).getAttribute("data-phase")).isEqualTo("post-infusion");
    }
}
