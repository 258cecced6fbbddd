package org.comity.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import org.comity.testing.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** What anyone may see without signing in, and nothing more. */
@NodeTest
class PublicEndpointsTest {

    @TestConfiguration
    static class DeclaredByAModule {
        @Bean
        PublicEndpoints publicTestEndpoints() {
            return PublicEndpoints.of("test", "/api/public-test/**");
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void declaredPublicEndpointsAreReadableByAnyone() throws Exception {
        // Nothing is mapped there, so reading reaches MVC (404) instead of stopping at security (401).
        mvc.perform(get("/api/public-test/x")).andExpect(status().isNotFound());
        mvc.perform(head("/api/public-test/x")).andExpect(status().isNotFound());
    }

    @Test
    void butNeverWritable() throws Exception {
        mvc.perform(post("/api/public-test/x")).andExpect(status().isUnauthorized());
        mvc.perform(delete("/api/public-test/x")).andExpect(status().isUnauthorized());
    }

    @Test
    void patternsThatWouldOpenEverythingAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PublicEndpoints.of("bad", "/**"))
                .isInstanceOf(IllegalArgumentException.class);
        for (String pattern : new String[] {"/actuator/env", "/api/**", "/*/**", "/{x}/**", "/api/*/x", "api/log"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PublicEndpoints.of("bad", pattern))
                    .as(pattern)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        PublicEndpoints.of("good", "/log/**", "/api/log/**", "/api/treaty/status");
    }

    @Test
    void homePageShowsTheNodeIdentity() throws Exception {
        mvc.perform(get("/").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Comity sandbox node")))
                .andExpect(content().string(containsString("lang=\"en\"")))
                .andExpect(content().string(containsString("Transparency log")));
    }

    @Test
    void homePageSpeaksFrench() throws Exception {
        mvc.perform(get("/").locale(Locale.FRENCH)
                        .header("Accept-Language", "fr")
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lang=\"fr\"")))
                .andExpect(content().string(containsString("Journal de transparence")));
    }

    @Test
    void healthIsPublic() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void metricsAreNot() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
    }

    @Test
    void openApiDocumentIsPublic() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("Comity node API"))
                .andExpect(jsonPath("$.paths['/api/me/tokens']").exists())
                .andExpect(
                        jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"));
    }

    @Test
    void loginPageIsPublic() throws Exception {
        mvc.perform(get("/login").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }
}
