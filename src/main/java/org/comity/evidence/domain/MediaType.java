package org.comity.evidence.domain;

import java.util.Locale;
import org.comity.shared.InvalidInput;

/**
 * An item's media type as declared by whoever produced it ({@code application/octet-stream} when they
 * did not say). Evidence is kept as it came, so unlike attachments the type is not checked against
 * the content: a disk image or a mailbox export is what it is.
 */
public record MediaType(String value) {

    public static final MediaType OCTET_STREAM = new MediaType("application/octet-stream");

    public MediaType {
        if (value == null
                || !value.toLowerCase(Locale.ROOT)
                        .strip()
                        .matches("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")) {
            throw InvalidInput.of(
                    "mediaType", "media-type", "a media type such as application/pdf, without parameters");
        }
        value = value.toLowerCase(Locale.ROOT).strip();
    }
}
