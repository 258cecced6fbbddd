package org.comity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** The Comity node. */
@SpringBootApplication
@Modulithic(systemName = "Comity", sharedModules = "shared")
public class Comity {

    public static void main(String[] args) {
        SpringApplication.run(Comity.class, args);
    }
}
