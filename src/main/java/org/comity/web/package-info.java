/**
 * Cross-cutting HTTP: the security filter chains (form login for the console, HTTP Basic or bearer
 * token for the API, explicit public endpoints), errors as RFC 9457 problem+json for API clients and
 * HTML pages for browsers, the OpenAPI document, and the public home page.
 */
@ApplicationModule(displayName = "Web")
package org.comity.web;

import org.springframework.modulith.ApplicationModule;
