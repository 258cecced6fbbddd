package org.comity.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** House rules from architecture.md §2 and §5 that the compiler does not check. */
class ArchitectureTest {

    static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.comity");
    }

    @Test
    void domainCodeKnowsNoFrameworkDatabaseOrWeb() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("org.comity..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "jakarta.servlet..",
                        "jakarta.persistence..",
                        "tools.jackson..",
                        "com.fasterxml.jackson..")
                .allowEmptyShould(true);
        rule.check(main);
    }

    @Test
    void sharedValueTypesKnowNoFrameworkEither() {
        noClasses()
                .that()
                .resideInAPackage("org.comity.shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "java.sql..", "jakarta..")
                .check(main);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        noClasses()
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .orShould()
                .callMethod(java.time.OffsetDateTime.class, "now")
                .orShould()
                .callMethod(java.time.ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .because("main code reads time from the injected Clock so tests can move it")
                .check(main);
    }

    @Test
    void noServiceManagerOrImplNames() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Service")
                .orShould()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Impl")
                .because("types are named for the capability they provide")
                .check(main);
    }

    @Test
    void noJpa() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.persistence..", "org.hibernate..")
                .check(main);
    }

    @Test
    void jdbcStaysInPersistenceAndNodeInfrastructure() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.comity..persistence..", "org.comity.node.sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
                .because("SQL lives in persistence adapters (JdbcXxx), not in facades or controllers")
                .check(main);
    }

    /**
     * Templates see what their controller put on the model. A bean called from a template ({@code
     * ${@jurisdictions...}}) reaches past module boundaries the modularity check cannot see; only the
     * web layer's shared formatters are allowed: dates ({@code @times}) and the messages of broken rules
     * ({@code @rules}, which reads the message bundles and nothing else).
     */
    @Test
    void templatesCallNoBeansButTheWebFormatters() throws IOException {
        var beanCall = Pattern.compile("\\$\\{[^}]*@([A-Za-z_][A-Za-z0-9_]*)");
        var offending = new ArrayList<String>();
        try (var files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                var matcher = beanCall.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!java.util.Set.of("times", "rules").contains(matcher.group(1))) {
                        offending.add(file + ": @" + matcher.group(1));
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    /**
     * Only casework stores an assessment of a request (safeguards.md, "Who may see and store
     * assessments"): it owns the request, maps its content and has checked the user may change it. An
     * API or page that stored one could overwrite another unit's findings.
     */
    @Test
    void onlyCaseworkStoresAssessments() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("org.comity.casework.Casework")
                .should()
                .callMethod(
                        org.comity.safeguards.Safeguards.class,
                        "assess",
                        org.comity.safeguards.AssessmentInput.class,
                        String.class)
                .check(main);
    }
}
