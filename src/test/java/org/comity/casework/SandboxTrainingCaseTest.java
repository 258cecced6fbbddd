package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.comity.Comity;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.jurisdiction.Jurisdictions;
import org.comity.shared.CountryCode;
import org.comity.testing.TestAccounts;
import org.comity.treaty.Answer;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.ObjectMapper;

/**
 * A sandbox node, started as the README says, runs a training case between fictional States end to end:
 * the States are in the registry, the shipped fictional status puts the UN Convention in force between
 * them (and only them), and their profiles are seeded, so the case has a legal basis.
 */
class SandboxTrainingCaseTest {

    @Test
    void aTrainingCaseBetweenFictionalStatesHasALegalBasis(@TempDir Path dataDir) throws Exception {
        try (var node = new SpringApplicationBuilder(Comity.class)
                .run("--comity.data-dir=" + dataDir, "--server.port=0", "--spring.datasource.url=")) {
            var treaties = node.getBean(Treaties.class);
            var xa = new CountryCode("XA");
            var xb = new CountryCode("XB");
            assertThat(treaties.legalBasis(xa, xb, Optional.empty()).answer()).isEqualTo(Answer.YES);
            assertThat(treaties.state(xa).name(java.util.Locale.ENGLISH)).startsWith("Fictional State");
            // The fictional ratifications do not bring the real Convention into force for anyone.
            assertThat(treaties.progress("UNCC", Optional.empty()).counted()).isZero();
            assertThat(treaties.inForce("UNCC", new CountryCode("FR"), Optional.empty())
                            .answer())
                    .isEqualTo(Answer.NO);
            assertThat(node.getBean(Jurisdictions.class).profile(xb)).isPresent();

            TestAccounts.createOnePerRole(node.getBean(Accounts.class));
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            var http = HttpClient.newHttpClient();
            var created = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/requests"))
                            .header("Authorization", basic(Role.CASEWORKER))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"kind\": \"STORED_DATA\", \"content\": " + CaseworkApiTest.CONTENT + "}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            var id = new ObjectMapper().readTree(created.body()).path("id").asString();
            var assessment = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port + "/api/requests/" + id + "/assessment"))
                            .header("Authorization", basic(Role.CASEWORKER))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(assessment.statusCode()).isEqualTo(200);
            var json = new ObjectMapper().readTree(assessment.body());
            assertThat(json.path("assessed").asBoolean()).isTrue();
            assertThat(json.path("hasBar").asBoolean()).as(assessment.body()).isFalse();
            assertThat(assessment.body()).doesNotContain("legal-basis-in-force");
        }
    }

    private static String basic(Role role) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((TestAccounts.username(role) + ":" + TestAccounts.PASSWORD)
                                .getBytes(StandardCharsets.UTF_8));
    }
}
