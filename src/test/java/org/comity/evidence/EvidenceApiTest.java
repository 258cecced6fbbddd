package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.evidence.cli.EvidenceCommand;
import org.comity.evidence.domain.BlobStore;
import org.comity.evidence.persistence.FileBlobStore;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Evidence through the API: chunked resumable upload, sealing, download, custody export and verification. */
@NodeTest
class EvidenceApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Evidence evidence;

    @Autowired
    BlobStore blobs;

    @TempDir
    Path dir;

    String requestId;

    @BeforeEach
    void aRequest() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var body = mvc.perform(post("/api/requests")
                        .with(as(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        requestId = JSON.readTree(body).get("id").asString();
    }

    static RequestPostProcessor as(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] content(int size) {
        var bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    JsonNode json(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    String createPackage() throws Exception {
        return json(mvc.perform(post("/api/evidence/packages")
                                .with(as(Role.CASEWORKER))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"requestId\": \"" + requestId + "\"}"))
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.state").value("open")))
                .get("id")
                .asString();
    }

    String createUpload(String packageId, long length) throws Exception {
        return mvc.perform(post("/api/evidence/packages/" + packageId + "/uploads")
                        .with(as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Length", Long.toString(length))
                        .header(
                                "Upload-Metadata",
                                "filename " + b64("mailbox export.mbox") + ",filetype " + b64("application/mbox")
                                        + ",orderReference " + b64("PO-2026-0042") + ",sourceKind " + b64("provider")
                                        + ",sourceName " + b64("Example Mail Ltd") + ",collectedAt "
                                        + b64("2026-02-27T09:30:00Z")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Tus-Resumable", "1.0.0"))
                .andReturn()
                .getResponse()
                .getHeader("Location");
    }

    void send(String location, long offset, byte[] chunk) throws Exception {
        mvc.perform(patch(location)
                        .with(as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", Long.toString(offset))
                        .contentType("application/offset+octet-stream")
                        .content(chunk))
                .andExpect(status().isNoContent())
                .andExpect(header().string("Upload-Offset", Long.toString(offset + chunk.length)));
    }

    @Test
    void anItemUploadedInChunksIsSealedAndDownloadedWholeWithItsHash() throws Exception {
        var packageId = createPackage();
        var bytes = content(2 * 1024 * 1024 + 12345);
        var location = createUpload(packageId, bytes.length);
        assertThat(location).startsWith("/api/evidence/uploads/");
        int chunk = 700_000;
        for (int offset = 0; offset < bytes.length; offset += chunk) {
            if (offset == chunk) {
                // A client that lost track asks where to resume; a chunk at the wrong offset is refused.
                mvc.perform(head(location).with(as(Role.CASEWORKER)).header("Tus-Resumable", "1.0.0"))
                        .andExpect(status().isOk())
                        .andExpect(header().string("Upload-Offset", Integer.toString(chunk)))
                        .andExpect(header().string("Upload-Length", Integer.toString(bytes.length)));
                mvc.perform(patch(location)
                                .with(as(Role.CASEWORKER))
                                .header("Tus-Resumable", "1.0.0")
                                .header("Upload-Offset", "0")
                                .contentType("application/offset+octet-stream")
                                .content(new byte[10]))
                        .andExpect(status().isConflict());
            }
            send(location, offset, Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + chunk)));
        }
        var sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        var itemId = location.substring(location.lastIndexOf('/') + 1);
        mvc.perform(get("/api/evidence/items/" + itemId).with(as(Role.AUDITOR)))
                .andExpect(jsonPath("$.state").value("stored"))
                .andExpect(jsonPath("$.sha256").value(sha))
                .andExpect(jsonPath("$.orderReference").value("PO-2026-0042"))
                .andExpect(jsonPath("$.sourceKind").value("provider"));

        var sealed = json(mvc.perform(
                        post("/api/evidence/packages/" + packageId + "/seal").with(as(Role.SUPERVISOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("sealed"))
                .andExpect(jsonPath("$.manifestKeyId").value(evidence.signingKeyId())));
        assertThat(sealed.get("manifestDigest").asString()).matches("[0-9a-f]{64}");
        // Sealed: nothing more is added.
        mvc.perform(post("/api/evidence/packages/" + packageId + "/uploads")
                        .with(as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Length", "1"))
                .andExpect(status().isConflict());

        var download = mvc.perform(
                        get("/api/evidence/items/" + itemId + "/content").with(as(Role.LEGAL_REVIEWER)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/octet-stream"))
                .andExpect(header().string(
                                "Repr-Digest",
                                "sha-256=:"
                                        + Base64.getEncoder()
                                                .encodeToString(HexFormat.of().parseHex(sha)) + ":"))
                .andReturn()
                .getResponse();
        assertThat(download.getContentAsByteArray()).isEqualTo(bytes);

        var chain = json(mvc.perform(
                        get("/api/evidence/packages/" + packageId + "/custody").with(as(Role.AUDITOR)))
                .andExpect(status().isOk()));
        assertThat(chain.get("records")
                        .valueStream()
                        .map(r -> r.get("act").asString())
                        .toList())
                .containsExactly("created", "item-announced", "item-added", "sealed", "downloaded", "exported");
        assertThat(chain.get("records").get(4).get("actor").asString())
                .isEqualTo(TestAccounts.username(Role.LEGAL_REVIEWER));
    }

    @Test
    void anExportedChainVerifiesOfflineAndATamperedOneIsRefusedNamingTheRecord() throws Exception {
        var packageId = createPackage();
        var location = createUpload(packageId, 5);
        send(location, 0, "hello".getBytes(StandardCharsets.US_ASCII));
        var file = dir.resolve("custody.json");
        Files.writeString(
                file,
                mvc.perform(get("/api/evidence/packages/" + packageId + "/custody")
                                .with(as(Role.AUDITOR)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        assertThat(EvidenceCommand.run(
                        List.of("verify-custody", file.toString(), evidence.signingKeyId()),
                        new PrintStream(out),
                        new PrintStream(err),
                        null))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("Verified 4 custody records");

        var tampered = (ObjectNode) JSON.readTree(Files.readString(file));
        ((ObjectNode) tampered.get("records").get(2)).put("actor", "somebody-else");
        var bad = dir.resolve("tampered.json");
        Files.writeString(bad, JSON.writeValueAsString(tampered));
        err.reset();
        assertThat(EvidenceCommand.run(
                        List.of("verify-custody", bad.toString(), evidence.signingKeyId()),
                        new PrintStream(out),
                        new PrintStream(err),
                        null))
                .isEqualTo(1);
        assertThat(err.toString()).contains("custody record 2");
        assertThatThrownBy(() -> JSON.readValue(Files.readString(bad), CustodyExport.class)
                        .verify(evidence.signingKeyId()))
                .isInstanceOfSatisfying(
                        org.comity.evidence.domain.CustodyChainBroken.class,
                        e -> assertThat(e.index()).isEqualTo(2));
        // The right chain, checked against another key id, is refused too: the key in the file proves nothing.
        err.reset();
        assertThat(EvidenceCommand.run(
                        List.of("verify-custody", file.toString(), "0".repeat(64)),
                        new PrintStream(out),
                        new PrintStream(err),
                        null))
                .isEqualTo(1);
    }

    long offsetOf(String location) throws Exception {
        return Long.parseLong(
                mvc.perform(head(location).with(as(Role.CASEWORKER)).header("Tus-Resumable", "1.0.0"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getHeader("Upload-Offset"));
    }

    @Test
    void afterARestartAnUploadWhoseLastPartIsTornResumesFromTheLastWholePart() throws Exception {
        var packageId = createPackage();
        var bytes = content(3000);
        var location = createUpload(packageId, bytes.length);
        var itemId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        send(location, 0, java.util.Arrays.copyOfRange(bytes, 0, 1000));
        send(location, 1000, java.util.Arrays.copyOfRange(bytes, 1000, 2000));
        // A crash tore the second part (as if it was never forced): cut it short, then restart.
        var second = ((FileBlobStore) blobs).path(new BlobStore.Name(UUID.fromString(packageId), itemId, 2));
        try (var channel = FileChannel.open(second, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 7);
        }
        evidence.forgetUploadsUnderWay();
        assertThat(offsetOf(location)).isEqualTo(1000);
        // The old offset is refused, not accepted on top of the torn part.
        mvc.perform(patch(location)
                        .with(as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "2000")
                        .contentType("application/offset+octet-stream")
                        .content(java.util.Arrays.copyOfRange(bytes, 2000, 3000)))
                .andExpect(status().isConflict());
        send(location, 1000, java.util.Arrays.copyOfRange(bytes, 1000, 3000));
        var item = evidence.item(itemId);
        assertThat(item.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        try (var in = evidence.download(itemId, "auditor").content().open()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }

        // A corrupted (not cut) part after a restart is dropped the same way, at the first PATCH too.
        var other = createUpload(packageId, 2000);
        var otherId = UUID.fromString(other.substring(other.lastIndexOf('/') + 1));
        var more = content(2000);
        send(other, 0, java.util.Arrays.copyOfRange(more, 0, 1000));
        send(other, 1000, java.util.Arrays.copyOfRange(more, 1000, 1500));
        var part = ((FileBlobStore) blobs).path(new BlobStore.Name(UUID.fromString(packageId), otherId, 2));
        try (var channel = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            var b = java.nio.ByteBuffer.allocate(1);
            channel.read(b, 60);
            b.put(0, (byte) (b.get(0) ^ 0x01));
            b.rewind();
            channel.write(b, 60);
        }
        evidence.forgetUploadsUnderWay();
        mvc.perform(patch(other)
                        .with(as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "1500")
                        .contentType("application/offset+octet-stream")
                        .content(java.util.Arrays.copyOfRange(more, 1500, 2000)))
                .andExpect(status().isConflict());
        assertThat(offsetOf(other)).isEqualTo(1000);
        send(other, 1000, java.util.Arrays.copyOfRange(more, 1000, 2000));
        assertThat(evidence.item(otherId).sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(more)));
    }

    @Test
    void aFlippedByteInStoredCiphertextIsRefusedOnDownload() throws Exception {
        var packageId = createPackage();
        var bytes = content(3 * 1024 * 1024);
        var location = createUpload(packageId, bytes.length);
        send(location, 0, bytes);
        var itemId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        var part = ((FileBlobStore) blobs).path(new BlobStore.Name(UUID.fromString(packageId), itemId, 1));
        try (var channel = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            var b = java.nio.ByteBuffer.allocate(1);
            channel.read(b, 2 * 1024 * 1024);
            b.put(0, (byte) (b.get(0) ^ 0x80));
            b.rewind();
            channel.write(b, 2 * 1024 * 1024);
        }
        var download = evidence.download(itemId, "auditor");
        try (var in = download.content().open()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
        byte[] served;
        try {
            served = mvc.perform(
                            get("/api/evidence/items/" + itemId + "/content").with(as(Role.AUDITOR)))
                    .andReturn()
                    .getResponse()
                    .getContentAsByteArray();
        } catch (Exception e) {
            served = new byte[0];
        }
        // Whatever was sent before the changed segment, never the whole item.
        assertThat(served.length).isLessThan(bytes.length);
    }

    @Test
    void everyEndpointAsksForARoleAndARequestTheUserMaySee() throws Exception {
        mvc.perform(post("/api/evidence/packages")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\": \"" + requestId + "\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/evidence/packages")
                        .with(as(Role.AUDITOR))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\": \"" + requestId + "\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/evidence/packages")
                        .with(as(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"requestId\": \"" + UUID.randomUUID() + "\"}"))
                .andExpect(status().isNotFound());
        var packageId = createPackage();
        var location = createUpload(packageId, 3);
        mvc.perform(patch(location)
                        .with(as(Role.LEGAL_REVIEWER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "0")
                        .contentType("application/offset+octet-stream")
                        .content(new byte[3]))
                .andExpect(status().isForbidden());
        mvc.perform(patch(location)
                        .with(as(Role.CASEWORKER))
                        .header("Upload-Offset", "0")
                        .contentType("application/offset+octet-stream")
                        .content(new byte[3]))
                .andExpect(status().isPreconditionFailed())
                .andExpect(header().string("Tus-Version", "1.0.0"));
        mvc.perform(patch(location)
                        .with(as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "0")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(patch(location)
                        .with(as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "0")
                        .contentType("application/offset+octet-stream")
                        .content(new byte[4]))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].rule").value("upload-length"));
        mvc.perform(post("/api/evidence/packages/" + packageId + "/uploads")
                        .with(as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Length", "-1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Upload-Length"));
        mvc.perform(get("/api/evidence/packages/" + UUID.randomUUID()).with(as(Role.AUDITOR)))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/evidence/packages/" + packageId).with(as(Role.CASEWORKER)))
                .andExpect(status().isForbidden());
        // Retention not yet over: deletion refused, the package intact.
        mvc.perform(delete("/api/evidence/packages/" + packageId).with(as(Role.SUPERVISOR)))
                .andExpect(status().isConflict());
        mvc.perform(put("/api/evidence/packages/" + packageId + "/legal-hold")
                        .with(as(Role.SUPERVISOR))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hold\": true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.legalHold").value(true));
    }
}
