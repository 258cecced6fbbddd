package org.comity.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Bounds every request body before anything reads it: a declared length over the limit is refused at
 * once (413 problem), and a body without a declared length stops being read at the limit. Multipart
 * uploads have their own limits ({@code spring.servlet.multipart.*}). A request a {@link BodyBound}
 * matches is bounded by it instead, and its problem names the bound's rule.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

    static final String RULE = "comity.web.max-request-bytes";

    private final long maxBytes;
    /**
     * The bounds by method, each method's in declaration order (the first match wins): most requests
     * (every GET) have a method no bound names, and then their path is not parsed at all.
     */
    private final Map<String, List<Matched>> bounds;

    private final HandlerExceptionResolver problems;

    private record Matched(BodyBound bound, PathPattern pattern) {}

    RequestSizeLimit(
            @Value("${comity.web.max-request-bytes:4194304}") long maxBytes,
            List<BodyBound> bounds,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.maxBytes = maxBytes;
        var parser = PathPatternParser.defaultInstance;
        this.bounds = Map.copyOf(bounds.stream()
                .map(b -> new Matched(b, parser.parse(b.pattern())))
                .collect(Collectors.groupingBy(
                        m -> m.bound().method(), Collectors.collectingAndThen(Collectors.toList(), List::copyOf))));
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        long max = maxBytes;
        String rule = RULE;
        var candidates = bounds.getOrDefault(request.getMethod(), List.of());
        if (!candidates.isEmpty()) {
            var path = PathContainer.parsePath(
                    request.getRequestURI().substring(request.getContextPath().length()));
            for (var m : candidates) {
                if (m.pattern().matches(path)) {
                    max = m.bound().maxBytes();
                    rule = m.bound().rule();
                    break;
                }
            }
        }
        if (request.getContentLengthLong() > max) {
            var tooLarge = new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE);
            tooLarge.setDetail("the request body is larger than " + max + " bytes (" + rule + ")");
            tooLarge.getBody().setProperty("rule", rule);
            tooLarge.getBody().setProperty("maxBytes", max);
            problems.resolveException(request, response, null, tooLarge);
            return;
        }
        chain.doFilter(new Bounded(request, max), response);
    }

    /** Reads at most {@code max} bytes of the body, then fails the read. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                var in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > max) {
                            throw new IOException("request body larger than " + max + " bytes");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(
                    getInputStream(), getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
        }
    }
}
