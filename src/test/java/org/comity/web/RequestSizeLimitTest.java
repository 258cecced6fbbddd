package org.comity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The body bound a request gets: a {@link BodyBound} governs only its own method and pattern (bounds
 * are kept by method, so a request of another method never parses its path), everything else the
 * general bound; a declared length over the bound is refused before the chain, and a body read past
 * it fails.
 */
class RequestSizeLimitTest {

    private final AtomicReference<ErrorResponseException> refused = new AtomicReference<>();

    private final HandlerExceptionResolver problems = (request, response, handler, e) -> {
        refused.set((ErrorResponseException) e);
        response.setStatus(((ErrorResponseException) e).getStatusCode().value());
        return new ModelAndView();
    };

    private final RequestSizeLimit limit = new RequestSizeLimit(
            10, List.of(new BodyBound("PUT", "/api/chunks/{item}", 100, "comity.test.chunk-bytes")), problems);

    private MockHttpServletResponse send(String method, String path, int bytes, MockFilterChain chain)
            throws Exception {
        var request = new MockHttpServletRequest(method, path);
        request.setContent(new byte[bytes]);
        var response = new MockHttpServletResponse();
        limit.doFilter(request, response, chain);
        return response;
    }

    @Test
    void theBoundOfTheMethodAndPathAppliesThere() throws Exception {
        var chain = new MockFilterChain();
        var response = send("PUT", "/api/chunks/a1", 60, chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(refused.get()).isNull();

        var over = send("PUT", "/api/chunks/a1", 101, new MockFilterChain());
        assertThat(over.getStatus()).isEqualTo(413);
        assertThat(refused.get().getBody().getProperties())
                .containsEntry("rule", "comity.test.chunk-bytes")
                .containsEntry("maxBytes", 100L);
    }

    @Test
    void anotherMethodOnTheSamePathGetsTheGeneralBound() throws Exception {
        for (String method : List.of("POST", "GET", "DELETE")) {
            refused.set(null);
            var chain = new MockFilterChain();
            var response = send(method, "/api/chunks/a1", 60, chain);

            assertThat(response.getStatus()).as(method).isEqualTo(413);
            assertThat(chain.getRequest()).as(method).isNull();
            assertThat(refused.get().getBody().getProperties())
                    .containsEntry("rule", RequestSizeLimit.RULE)
                    .containsEntry("maxBytes", 10L);
        }
    }

    @Test
    void anotherPathOfTheBoundsMethodGetsTheGeneralBound() throws Exception {
        var response = send("PUT", "/api/other/a1", 60, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(refused.get().getBody().getProperties()).containsEntry("rule", RequestSizeLimit.RULE);
    }

    @Test
    void aBodyWithoutDeclaredLengthStopsBeingReadAtTheBound() throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/requests/x") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[11]);
        var chain = new MockFilterChain();
        limit.doFilter(request, new MockHttpServletResponse(), chain);

        var in = chain.getRequest().getInputStream();
        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("10 bytes");
    }
}
