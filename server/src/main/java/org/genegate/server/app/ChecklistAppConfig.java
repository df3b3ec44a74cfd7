package org.genegate.server.app;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The SMART checklist page at {@code /app/} (static files under {@code static/app}; Chart.js from its WebJar at
 * {@code /webjars/}). {@code /app/launch.html} is the SMART launch URL; without {@code iss} the page runs in open
 * local mode and reads this server's {@code /fhir}.
 */
@Configuration
public class ChecklistAppConfig implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/app", "/app/");
        registry.addViewController("/app/").setViewName("forward:/app/index.html");
    }
}
