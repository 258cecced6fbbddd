package org.comity.web;

/**
 * An endpoint that bounds its request body itself, so {@link RequestSizeLimit} leaves it alone: a module
 * declares it as a bean when the endpoint must see (and audit) a body the general bound would refuse
 * before it, or accepts larger ones under a bound of its own.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the exact path, e.g. {@code /api/exchange/inbox}
 */
public record OwnBodyLimit(String method, String path) {}
