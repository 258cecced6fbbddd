package org.comity.web.problems;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Where in a JSON body reading failed, as a field path and a line, without Jackson's internal wording. */
final class JsonLocation {

    private JsonLocation() {}

    static Optional<Map<String, String>> of(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            var path = new StringBuilder();
            for (JacksonException.Reference reference : databind.getPath()) {
                if (reference.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return Optional.of(Map.of(
                    "field", path.isEmpty() ? "body" : path.toString(),
                    "rule", "json-type",
                    "message", "value has the wrong type or is not one of the allowed values"));
        }
        if (cause instanceof JacksonException jackson && jackson.getLocation() != null) {
            var location = jackson.getLocation();
            return Optional.of(Map.of(
                    "field", "body",
                    "rule", "json-syntax",
                    "message",
                            "not well-formed JSON at line " + location.getLineNr() + ", column "
                                    + location.getColumnNr()));
        }
        return Optional.empty();
    }
}
