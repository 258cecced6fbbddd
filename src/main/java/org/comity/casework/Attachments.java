package org.comity.casework;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.comity.casework.domain.AttachmentPolicy;
import org.comity.casework.persistence.JdbcAttachments;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.shared.Sha256;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Documents attached to requests: type-checked, size-bounded, hashed, never altered. */
@Component
public class Attachments {

    private final JdbcAttachments store;
    private final Casework casework;
    private final Clock clock;
    private final long maxBytes;

    Attachments(
            JdbcAttachments store,
            Casework casework,
            Clock clock,
            @Value("${comity.casework.max-attachment-bytes:20971520}") long maxBytes) {
        this.store = store;
        this.casework = casework;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    @Transactional
    public AttachmentInfo attach(UUID requestId, String fileName, String contentType, byte[] content, String username) {
        casework.get(requestId);
        var problems = AttachmentPolicy.check(fileName, contentType, content, maxBytes);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        var info = new AttachmentInfo(
                UUID.randomUUID(),
                requestId,
                fileName.strip(),
                contentType.toLowerCase(Locale.ROOT).split(";")[0].strip(),
                content.length,
                HexFormat.of().formatHex(Sha256.of(content)),
                clock.instant(),
                username);
        store.insert(info, content);
        return info;
    }

    public List<AttachmentInfo> list(UUID requestId) {
        casework.get(requestId);
        return store.list(requestId);
    }

    public AttachmentInfo info(UUID requestId, UUID id) {
        // Through casework first: another unit's request (and so its documents) is a 404.
        casework.get(requestId);
        return store.find(requestId, id).orElseThrow(() -> new NotFound("attachment"));
    }

    public byte[] content(UUID requestId, UUID id) {
        return store.content(info(requestId, id).id());
    }

    public long maxBytes() {
        return maxBytes;
    }
}
