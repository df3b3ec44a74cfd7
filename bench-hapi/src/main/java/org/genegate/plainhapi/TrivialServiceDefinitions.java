package org.genegate.plainhapi;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The context HAPI's CDS Hooks booter starts: its bean {@code cdsServices} lists the objects holding services. */
@Configuration
public class TrivialServiceDefinitions {

    @Bean
    public List<Object> cdsServices() {
        return List.of(new TrivialOrderSignService());
    }
}
