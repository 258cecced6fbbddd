package org.comity.evidence.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The bytes that are hashed and signed: each field as its UTF-8 length, a colon, the bytes and a line
 * feed, so no choice of values can make two different records encode alike.
 */
final class Canonical {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Canonical(String format) {
        field(format);
    }

    Canonical field(@Nullable Object value) {
        var bytes = (value == null ? "" : value.toString()).getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write('\n');
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
