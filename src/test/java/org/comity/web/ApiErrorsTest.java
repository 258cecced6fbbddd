package org.comity.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every error at the HTTP edge is an RFC 9457 problem with a stable type, and leaks nothing. */
@NodeTest
class ApiErrorsTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    /** A controller that fails the way real code does: with internals in the exception message. */
    @TestConfiguration
    static class Failing {
        // Registered as a member of this configuration only; @TestComponent keeps component scanning
        // from adding it to every other test's context.
        @RestController
        @TestComponent
        static class FailingController {
            @GetMapping("/api/test-failure")
            String fail() {
                throw new IllegalStateException("SELECT secret FROM account WHERE password_hash = 'x'");
            }
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    static RequestPostProcessor as(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }

    @Test
    void malformedJsonIsBadRequestWithTheLocation() throws Exception {
        mvc.perform(post("/api/accounts")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"ann\",,}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("/problems/malformed-body"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].rule").value("json-syntax"))
                .andExpect(content().string(not(containsString("Exception"))))
                .andExpect(content().string(not(containsString("tools.jackson"))));
    }

    @Test
    void wrongValueTypeNamesTheField() throws Exception {
        mvc.perform(post("/api/accounts")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"ann\",\"roles\":[\"EMPEROR\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/malformed-body"))
                .andExpect(jsonPath("$.errors[0].field").value("roles[0]"))
                .andExpect(content().string(not(containsString("org.comity"))));
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        mvc.perform(get("/api/no-such-thing").with(as(Role.CASEWORKER)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
    }

    @Test
    void wrongMethodIsMethodNotAllowed() throws Exception {
        mvc.perform(put("/api/me").with(as(Role.CASEWORKER)))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("/problems/method-not-allowed"))
                .andExpect(header().string("Allow", containsString("GET")));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() throws Exception {
        mvc.perform(post("/api/accounts")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("username=ann"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("/problems/unsupported-media-type"));
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() throws Exception {
        mvc.perform(post("/api/accounts")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"" + "a".repeat(5 * 1024 * 1024) + "\"}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("/problems/payload-too-large"));
    }

    @Test
    void noCredentialsIsUnauthorized() throws Exception {
        mvc.perform(get("/api/accounts"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("/problems/unauthenticated"))
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                // Never a Basic challenge: browsers would prompt and replay the password cross-site.
                .andExpect(header().string("WWW-Authenticate", not(containsString("Basic"))));
    }

    @Test
    void wrongPasswordIsUnauthorized() throws Exception {
        mvc.perform(get("/api/me").with(httpBasic(TestAccounts.username(Role.ADMIN), "not the password")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }

    @Test
    void wrongRoleIsForbidden() throws Exception {
        mvc.perform(get("/api/accounts").with(as(Role.CASEWORKER)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("/problems/forbidden"));
        mvc.perform(get("/api/accounts").with(as(Role.AUDITOR))).andExpect(status().isOk());
    }

    @Test
    void brokenRulesAreListedTogetherWithFieldAndRule() throws Exception {
        mvc.perform(post("/api/accounts")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"A\",\"displayName\":\"\",\"roles\":[],\"password\":\"short\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("/problems/invalid-input"))
                .andExpect(jsonPath("$.errors.length()").value(4))
                .andExpect(jsonPath("$.errors[?(@.field == 'username')].rule").value("username-format"))
                .andExpect(jsonPath("$.errors[?(@.field == 'password')].rule").value("password-length"))
                .andExpect(content().string(not(containsString("short"))));
    }

    @Test
    void unexpectedFailuresAreInternalErrorsWithAnIncidentIdAndNoInternals() throws Exception {
        mvc.perform(get("/api/test-failure").with(as(Role.CASEWORKER)))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("/problems/internal-error"))
                .andExpect(jsonPath("$.incident").isNotEmpty())
                .andExpect(content().string(not(containsString("SELECT"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))))
                .andExpect(content().string(not(containsString("at org."))));
    }

    @Test
    void browsersGetAnHtmlErrorPage() throws Exception {
        mvc.perform(get("/api/no-such-thing").with(as(Role.CASEWORKER)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("<h1>Not found</h1>")));
    }

    @Test
    void anonymousBrowsersAreSentToTheLoginPage() throws Exception {
        mvc.perform(get("/some/console/page").accept(MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/login")));
    }

    @Test
    void anonymousApiClientsOfConsolePathsGetProblems() throws Exception {
        mvc.perform(get("/some/console/page").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }

    @Test
    void everyProblemTypeHasAPublicPage() throws Exception {
        mvc.perform(get("/problems/method-not-allowed").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/problems/method-not-allowed")));
        mvc.perform(get("/problems/no-such-type").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }
}
