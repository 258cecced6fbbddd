package org.comity.casework.persistence;

import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.casework.AttachmentInfo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Attachments in PostgreSQL (bytea), append-only. */
@Repository
public class JdbcAttachments {

    private static final String INFO =
            "id, request_id, file_name, content_type, size_bytes, sha256, uploaded_at, uploaded_by";

    private final JdbcClient jdbc;

    public JdbcAttachments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(AttachmentInfo info, byte[] content) {
        jdbc.sql("INSERT INTO casework_attachment (" + INFO + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        info.id(),
                        info.requestId(),
                        info.fileName(),
                        info.contentType(),
                        info.sizeBytes(),
                        HexFormat.of().parseHex(info.sha256()),
                        Timestamp.from(info.uploadedAt()),
                        info.uploadedBy(),
                        content)
                .update();
    }

    public List<AttachmentInfo> list(UUID requestId) {
        return jdbc.sql("SELECT " + INFO + " FROM casework_attachment WHERE request_id = ? ORDER BY uploaded_at, id")
                .param(requestId)
                .query((rs, n) -> info(rs))
                .list();
    }

    public Optional<AttachmentInfo> find(UUID requestId, UUID id) {
        return jdbc.sql("SELECT " + INFO + " FROM casework_attachment WHERE request_id = ? AND id = ?")
                .params(requestId, id)
                .query((rs, n) -> info(rs))
                .optional();
    }

    public byte[] content(UUID id) {
        return jdbc.sql("SELECT content FROM casework_attachment WHERE id = ?")
                .param(id)
                .query(byte[].class)
                .single();
    }

    private static AttachmentInfo info(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AttachmentInfo(
                rs.getObject("id", UUID.class),
                rs.getObject("request_id", UUID.class),
                rs.getString("file_name"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                HexFormat.of().formatHex(rs.getBytes("sha256")),
                rs.getTimestamp("uploaded_at").toInstant(),
                rs.getString("uploaded_by"));
    }
}
