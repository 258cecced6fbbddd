package org.comity.architecture;

import org.comity.Comity;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The modules and their allowed dependencies, as architecture.md §2 describes them. */
class ModularityTest {

    static final ApplicationModules modules = ApplicationModules.of(Comity.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
