package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.comity.testing.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 15 item 10: with the identity provider down, the "Sign in with …" button leads to the sign-in
 * page saying so (it was a bare 500), and password sign-in stays offered.
 */
@NodeTest
@TestPropertySource(
        properties = {
            "comity.accounts.oidc.enabled=true",
            // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
            "comity.accounts.oidc.issuer-uri=http://127.0.0.1:9/issuer",
            "comity.accounts.oidc.client-id=comity",
            "comity.accounts.oidc.client-secret=not-a-real-secret",
            "comity.accounts.oidc.display-name=Ministry Login"
        })
class OidcProviderUnreachableTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theSignInButtonSaysTheProviderCannotBeReached() throws Exception {
        mvc.perform(get(OidcSignIn.START).accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login?oidc=unreachable"));
        var page = mvc.perform(get("/login").param("oidc", "unreachable").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("cannot be reached just now").contains("name=\"password\"");
    }
}
