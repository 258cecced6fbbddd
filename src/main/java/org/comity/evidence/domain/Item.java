package org.comity.evidence.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;

/**
 * One file of evidence: its name, declared media type, origin and length (declared when the upload
 * is created, as resumable uploads do), and how much of it has arrived.
 */
public record Item(
        UUID id,
        UUID packageId,
        String fileName,
        MediaType mediaType,
        Origin origin,
        long sizeBytes,
        Instant addedAt,
        String addedBy,
        ItemContent content) {

    public Item {
        Objects.requireNonNull(id);
        Objects.requireNonNull(packageId);
        fileName = Texts.label("fileName", fileName);
        if (fileName.contains("/") || fileName.contains("\\")) {
            throw InvalidInput.of("fileName", "file-name", "a file name, without directories");
        }
        if (sizeBytes < 0) {
            throw InvalidInput.of("sizeBytes", "min", "a length of zero bytes or more");
        }
        if (content instanceof ItemContent.Receiving r && r.receivedBytes() > sizeBytes) {
            throw new IllegalArgumentException("more bytes received than declared");
        }
    }

    /** A new item waiting for its bytes. */
    public static Item announce(
            UUID packageId,
            String fileName,
            MediaType mediaType,
            Origin origin,
            long sizeBytes,
            long maxBytes,
            Instant at,
            String by) {
        if (sizeBytes > maxBytes) {
            throw InvalidInput.of("sizeBytes", "max", "an item of at most " + maxBytes + " bytes");
        }
        return new Item(
                UUID.randomUUID(),
                packageId,
                fileName,
                mediaType,
                origin,
                sizeBytes,
                at,
                by,
                new ItemContent.Receiving(0, 0));
    }

    /** The upload's offset: all of it once stored. */
    public long receivedBytes() {
        return switch (content) {
            case ItemContent.Receiving r -> r.receivedBytes();
            case ItemContent.Stored s -> sizeBytes;
            case ItemContent.Shredded s -> sizeBytes;
        };
    }

    /** The item after one more part of {@code bytes} bytes was stored; stored whole when complete. */
    public Item received(long offset, long bytes, DigestSoFar digest) {
        return received(offset, bytes, 1, digest);
    }

    /** The item after {@code parts} more parts holding {@code bytes} bytes were stored. */
    public Item received(long offset, long bytes, int parts, DigestSoFar digest) {
        if (!(content instanceof ItemContent.Receiving r)) {
            throw new Conflict("upload-complete", "this item is stored whole already");
        }
        if (offset != r.receivedBytes()) {
            throw new Conflict("upload-offset", "the upload is at offset " + r.receivedBytes());
        }
        long now = offset + bytes;
        if (now > sizeBytes) {
            throw new IllegalArgumentException("a part beyond the declared length");
        }
        if (parts < 1) {
            throw new IllegalArgumentException("at least one part");
        }
        ItemContent next = now == sizeBytes
                ? new ItemContent.Stored(digest.finish(), r.parts() + parts)
                : new ItemContent.Receiving(now, r.parts() + parts);
        return new Item(id, packageId, fileName, mediaType, origin, sizeBytes, addedAt, addedBy, next);
    }

    /** The SHA-256 of the whole item once stored. */
    public Digest sha256() {
        return switch (content) {
            case ItemContent.Stored s -> s.sha256();
            case ItemContent.Shredded s -> {
                if (s.sha256() == null) {
                    throw new Conflict("upload-incomplete", "the item never arrived whole");
                }
                yield s.sha256();
            }
            case ItemContent.Receiving r -> throw new Conflict("upload-incomplete", "the item has not arrived whole");
        };
    }

    /** How many ciphertext parts hold the item (one or more per upload request that added bytes). */
    public int parts() {
        return switch (content) {
            case ItemContent.Receiving r -> r.parts();
            case ItemContent.Stored s -> s.parts();
            case ItemContent.Shredded s -> 0;
        };
    }

    /**
     * The upload under way cut back to the parts that read back whole after a restart (those after them
     * were lost before they were forced to disk, so were never acknowledged).
     */
    public Item trimmedTo(long bytes, int parts) {
        if (!(content instanceof ItemContent.Receiving r) || bytes > r.receivedBytes() || parts > r.parts()) {
            throw new IllegalArgumentException("only an upload under way is trimmed, and only back");
        }
        return new Item(
                id,
                packageId,
                fileName,
                mediaType,
                origin,
                sizeBytes,
                addedAt,
                addedBy,
                new ItemContent.Receiving(bytes, parts));
    }

    /** The hash computed over the bytes as they arrived, finished when the last one has. */
    public interface DigestSoFar {
        Digest finish();
    }
}
