package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: owner-only from the first byte, never replaced, refused when others can read them. */
class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileIsOwnerOnlyWithItsWholeContentAndNoTemporaryLeftBehind() throws Exception {
        var file = dir.resolve("keys").resolve("a.key");

        assertThat(SecretFiles.createOwnerOnly(file, "secret\n")).isTrue();

        assertThat(Files.readString(file)).isEqualTo("secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void anExistingFileIsKept() throws Exception {
        var file = dir.resolve("a.key");
        SecretFiles.createOwnerOnly(file, "first\n");

        assertThat(SecretFiles.createOwnerOnly(file, "second\n")).isFalse();

        assertThat(Files.readString(file)).isEqualTo("first\n");
    }

    @Test
    void aKeyOthersCanReadIsRefused() throws Exception {
        var file = dir.resolve("a.key");
        SecretFiles.createOwnerOnly(file, "secret\n");
        assertThat(SecretFiles.readOwnerOnly(file)).isEqualTo("secret\n");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SecretFiles.readOwnerOnly(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rw-r--r--");
    }
}
