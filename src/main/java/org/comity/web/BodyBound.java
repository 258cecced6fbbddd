package org.comity.web;

/**
 * A bound of its own on the bodies of one kind of request, in place of {@code comity.web.max-request-bytes}:
 * a module whose requests carry bulk bytes by design (an evidence upload's chunk) declares how much it
 * takes, and a body over it is refused (413) with a problem naming {@code rule}. Only non-multipart
 * bodies; multipart forms keep {@code spring.servlet.multipart.*}.
 *
 * @param method the HTTP method, upper case
 * @param pattern a Spring path pattern such as {@code /api/evidence/uploads/{item}}
 * @param maxBytes the largest body accepted
 * @param rule the code the problem names, also the setting that raises it
 */
public record BodyBound(String method, String pattern, long maxBytes, String rule) {

    public BodyBound {
        if (method == null || !method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("an upper-case HTTP method");
        }
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starting with /");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a body bound is at least 1 byte");
        }
        if (rule == null || !rule.matches("[a-z][a-z0-9.-]*")) {
            throw new IllegalArgumentException("a rule code");
        }
    }

    /**
     * An endpoint that bounds its body itself, so the web layer lets any body through to it: the exchange
     * inbox must see a message over the general bound to refuse it at its own first step and audit it.
     *
     * @param rule the endpoint's own setting, which its refusal names
     */
    public static BodyBound boundByEndpoint(String method, String pattern, String rule) {
        return new BodyBound(method, pattern, Long.MAX_VALUE, rule);
    }
}
