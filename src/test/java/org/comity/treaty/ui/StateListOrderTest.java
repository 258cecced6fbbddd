package org.comity.treaty.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.comity.testing.NodeTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** State lists are in the order a reader of the page's language looks for a name; fictional States last. */
@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class StateListOrderTest {

    private static final Pattern SELECT = Pattern.compile("<select id=\"(?:a|party)\".*?</select>", Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("<option value=\"([A-Z]{2})\"[^>]*>");

    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @ValueSource(strings = {"/treaties/legal-basis", "/admin/treaty-actions"})
    void frenchReadersFindStatesByTheirFrenchName(String path) throws Exception {
        var codes = codes(path, "fr");
        // Allemagne (DE) before Autriche (AT); the accented É among the E's, not after Zimbabwe.
        assertThat(codes.indexOf("DE")).isLessThan(codes.indexOf("AT"));
        assertInOrder(codes, "EG", "SV", "AE", "EC", "ES", "US", "ET");
        assertThat(codes.indexOf("AE")).isLessThan(codes.indexOf("ZW"));
        // Fictional States after every real one.
        assertThat(codes.indexOf("XA")).isGreaterThan(codes.indexOf("ZW"));
        assertThat(codes.getLast()).isEqualTo("ZZ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/treaties/legal-basis", "/admin/treaty-actions"})
    void englishAndArabicReadersToo(String path) throws Exception {
        var english = codes(path, "en");
        // Australia (AU) before Austria (AT); Germany (DE) after France (FR).
        assertInOrder(english, "AU", "AT");
        assertInOrder(english, "FR", "DE");
        var arabic = codes(path, "ar");
        // أذربيجان (AZ) before أفغانستان (AF); ألمانيا (DE) before اليابان (JP).
        assertInOrder(arabic, "AZ", "AF");
        assertInOrder(arabic, "DE", "JP");
    }

    private static void assertInOrder(List<String> codes, String... expected) {
        var positions = java.util.Arrays.stream(expected).map(codes::indexOf).toList();
        assertThat(positions).doesNotContain(-1).isSorted();
    }

    private List<String> codes(String path, String language) throws Exception {
        var page = mvc.perform(get(path)
                        .param("lang", language)
                        .with(user("test-admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        var select = SELECT.matcher(page);
        assertThat(select.find()).as("a State list on %s", path).isTrue();
        return OPTION.matcher(select.group()).results().map(r -> r.group(1)).toList();
    }
}
