package org.genegate.server.app;

import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The server and one headless Chromium per test class, for the pages under /app/. */
abstract class AbstractBrowserIT extends AbstractServerIT {

    protected static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The URL of a page under /app/ on the server under test. */
    protected String app(String path) {
        return "http://localhost:" + port + "/app/" + path;
    }
}
