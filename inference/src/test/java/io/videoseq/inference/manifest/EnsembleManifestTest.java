package io.videoseq.inference.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.videoseq.inference.EnsemblePredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A manifest from someone else: member paths stay in its folder, checksums are checked before loading. */
class EnsembleManifestTest {

    @TempDir
    Path tmp;

    private Path folderWithMembers() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("ens"));
        Files.writeString(folder.resolve("a.zip"), "member a");
        Files.writeString(folder.resolve("b.zip"), "member b");
        return folder;
    }

    @Test
    void roundTripsWithRelativePathsAndChecksums() throws Exception {
        Path folder = folderWithMembers();
        EnsembleManifest m = EnsembleManifest.of(folder, List.of(folder.resolve("a.zip"), folder.resolve("b.zip")),
                List.of("walk", "run"));
        Path file = folder.resolve("x_ensemble.json");
        m.write(file);
        EnsembleManifest back = EnsembleManifest.read(file);
        assertEquals(m, back);
        assertEquals("a.zip", back.members().get(0).path());
        assertEquals(Sha256.of(folder.resolve("b.zip")), back.members().get(1).sha256());
        assertEquals(List.of(folder.resolve("a.zip"), folder.resolve("b.zip")), back.files(file));
        back.verify(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.zip", "sub/../../outside.zip", "/etc/passwd", "..\\\\outside.zip"})
    void aMemberPathLeadingOutOfTheFolderIsRefused(String path) throws Exception {
        Path folder = folderWithMembers();
        Files.writeString(tmp.resolve("outside.zip"), "elsewhere");
        Path file = folder.resolve("x_ensemble.json");
        ManifestJson.MAPPER.writeValue(file.toFile(), new EnsembleManifest(EnsembleManifest.FORMAT, List.of(),
                List.of(new EnsembleManifest.Member(path, "00"))));
        ManifestException e = assertThrows(ManifestException.class, () -> EnsembleManifest.read(file));
        assertTrue(e.getMessage().startsWith(file + ": member "), e.getMessage());
        assertTrue(e.getMessage().contains("--model"), e.getMessage());
    }

    @Test
    void aLinkLeadingOutOfTheFolderIsRefused() throws Exception {
        Path folder = folderWithMembers();
        Path outside = Files.writeString(tmp.resolve("outside.zip"), "elsewhere");
        Files.createSymbolicLink(folder.resolve("link.zip"), outside);
        Path file = folder.resolve("x_ensemble.json");
        ManifestJson.MAPPER.writeValue(file.toFile(), new EnsembleManifest(EnsembleManifest.FORMAT, List.of(),
                List.of(new EnsembleManifest.Member("link.zip", Sha256.of(outside)))));
        ManifestException e = assertThrows(ManifestException.class, () -> EnsembleManifest.read(file));
        assertTrue(e.getMessage().contains("a link to"), e.getMessage());
    }

    @Test
    void aChangedMemberIsRefusedBeforeAnyIsLoaded() throws Exception {
        Path folder = folderWithMembers();
        Path file = folder.resolve("x_ensemble.json");
        EnsembleManifest.of(folder, List.of(folder.resolve("a.zip"), folder.resolve("b.zip")), List.of()).write(file);
        Files.writeString(folder.resolve("b.zip"), "tampered");
        // The members are not even model zips: loading would fail differently, so the checksum comes first.
        ManifestException e = assertThrows(ManifestException.class,
                () -> EnsemblePredictor.load(file, EnsembleManifest.read(file)));
        assertTrue(e.getMessage().contains("member b.zip: expected SHA-256"), e.getMessage());
    }

    @Test
    void aWrongFormatOrNoMembersIsRefused() throws Exception {
        Path file = tmp.resolve("m.json");
        Files.writeString(file, "{\"format\": \"other\", \"members\": []}");
        assertTrue(assertThrows(ManifestException.class, () -> EnsembleManifest.read(file)).getMessage()
                .contains("format"));
        Files.writeString(file, "{\"format\": \"" + EnsembleManifest.FORMAT + "\", \"members\": []}");
        assertTrue(assertThrows(ManifestException.class, () -> EnsembleManifest.read(file)).getMessage()
                .contains("at least one model"));
        Files.writeString(file, "[1, 2]");
        assertTrue(assertThrows(ManifestException.class, () -> EnsembleManifest.read(file)).getMessage()
                .startsWith(file + ": expected an ensemble manifest"));
    }
}
