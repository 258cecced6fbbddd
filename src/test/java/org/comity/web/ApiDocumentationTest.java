package org.comity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.comity.testing.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document: every operation has a summary and documents its problem+json error responses. */
@NodeTest
class ApiDocumentationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyOperationHasASummaryAndItsErrorResponsesAndCreatesAre201() throws Exception {
        var api = JsonMapper.builder()
                .build()
                .readTree(mvc.perform(get("/v3/api-docs"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(api.at("/components/schemas/Problem/properties").has("errors"))
                .isTrue();
        int operations = 0;
        for (var path : api.get("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                JsonNode operation = entry.getValue();
                var name = entry.getKey() + " " + path.getKey();
                operations++;
                assertThat(operation.path("summary").asString("")).as(name).isNotBlank();
                var responses = operation.get("responses");
                assertThat(responses.has("500")).as(name).isTrue();
                assertThat(responses.at("/500/content").has("application/problem+json"))
                        .as(name)
                        .isTrue();
                if (path.getKey().contains("{")) {
                    assertThat(responses.has("404")).as(name).isTrue();
                }
            }
        }
        assertThat(operations).isGreaterThan(50);
        var create = api.at("/paths/~1api~1requests/post/responses");
        assertThat(create.has("201")).isTrue();
        assertThat(create.has("200")).isFalse();
        assertThat(create.at("/422/description").asString()).contains("/problems/invalid-input");
        var decide = api.at("/paths/~1api~1requests~1{id}~1decision/post/responses");
        assertThat(decide.at("/409/description").asString()).contains("/problems/conflict");
        assertThat(decide.has("401")).isTrue();
        assertThat(decide.has("403")).isTrue();
    }
}
