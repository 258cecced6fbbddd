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

    @Override
    protected void writeInternal(ProblemDetail problem, HttpOutputMessage output) throws java.io.IOException {
        var context = new Context(LocaleContextHolder.getLocale());
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
