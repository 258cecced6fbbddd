package org.comity.web.problems;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a problem as an HTML page when the client is a browser (it asks for {@code text/html}). API
 * clients, which ask for JSON or anything, get {@code application/problem+json} from the JSON
 * converter, which comes first.
 */
public class ProblemHtmlConverter extends AbstractHttpMessageConverter<ProblemDetail> {

    private final ITemplateEngine templates;

    public ProblemHtmlConverter(ITemplateEngine templates) {
        super(StandardCharsets.UTF_8, MediaType.TEXT_HTML);
        this.templates = templates;
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return ProblemDetail.class.isAssignableFrom(clazz);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected ProblemDetail readInternal(Class<? extends ProblemDetail> clazz, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("problems are not read as HTML", input);
    }

    /**
     * A web context when the problem answers a request, so that a signed-in user refused a page (403)
     * or sent to a missing one keeps the signed-in header (its links and the sign-out form's CSRF token
     * need the request); a plain one, with the signed-out header, otherwise.
     */
    private org.thymeleaf.context.AbstractContext context() {
        var locale = LocaleContextHolder.getLocale();
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                        instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            try {
                var request = attributes.getRequest();
                var response = attributes.getResponse();
                var application = org.thymeleaf.web.servlet.JakartaServletWebApplication.buildApplication(
                        request.getServletContext());
                var context =
                        new org.thymeleaf.context.WebContext(application.buildExchange(request, response), locale);
                context.setVariable(
                        "springRequestContext",
                        new org.springframework.web.servlet.support.RequestContext(
                                request, response, request.getServletContext(), null));
                context.setVariable(
                        "me",
                        org.comity.web.ui.ConsoleUser.of(
                                org.springframework.security.core.context.SecurityContextHolder.getContext()
                                        .getAuthentication()));
                context.setVariable("currentPath", request.getRequestURI());
                return context;
            } catch (IllegalStateException e) {
                // No web application context to render links with: the plain page below.
            }
        }
        return new Context(locale);
    }

    @Override
    protected void writeInternal(ProblemDetail problem, HttpOutputMessage output) throws java.io.IOException {
        var context = context();
        context.setVariable("problem", problem);
        context.setVariable(
                "errors",
                problem.getProperties() == null
                        ? List.of()
                        : problem.getProperties().getOrDefault("errors", List.of()));
        output.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        try (var writer = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8)) {
            templates.process("error", context, writer);
        }
    }
}
