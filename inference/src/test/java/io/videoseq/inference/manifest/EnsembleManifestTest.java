package io.videoseq.inference.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.videoseq.inference.EnsemblePredictor;
import io.videoseq.inference.FeatureRecords;
import io.videoseq.inference.VideoClassifier;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * One large member listed 2,000 times: refused before any member is hashed. The member is an 8 GiB sparse file
     * (no disk blocks), which takes seconds to hash once; the refusal comes well within that, by every way of
     * loading a manifest.
     */
    @Test
    void aMemberListedManyTimesIsRefusedBeforeAnyHashing() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("dup"));
        try (RandomAccessFile big = new RandomAccessFile(folder.resolve("big.zip").toFile(), "rw")) {
            big.setLength(8L << 30);
        }
        Path file = folder.resolve("d_ensemble.json");
        ManifestJson.MAPPER.writeValue(file.toFile(), new EnsembleManifest(EnsembleManifest.FORMAT, List.of(),
                Collections.nCopies(2000, new EnsembleManifest.Member("big.zip", "ab".repeat(32)))));
        String expected = file + ": member 2 (big.zip): expected each model once, found the same file as member 1"
                + " (big.zip)";
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            assertEquals(expected, assertThrows(ManifestException.class, () -> EnsembleManifest.read(file))
                    .getMessage());
            assertEquals(expected, assertThrows(ManifestException.class, () -> VideoClassifier.load(file))
                    .getMessage());
            assertEquals(expected, assertThrows(ManifestException.class, () -> FeatureRecords.of(file))
                    .getMessage());
            assertEquals(expected, assertThrows(ManifestException.class, () -> ManifestEdit.edit(file, List.of(1),
                    List.of(), folder.resolve("e.json"))).getMessage());
            // built in code rather than read: verify still checks before it hashes
            EnsembleManifest built = new EnsembleManifest(EnsembleManifest.FORMAT, List.of(),
                    Collections.nCopies(3, new EnsembleManifest.Member("big.zip", "ab".repeat(32))));
            assertThrows(ManifestException.class, () -> EnsemblePredictor.load(file, built));
        });
    }

    @Test
    void twoPathsToOneFileAreOneMemberTwice() throws Exception {
        Path folder = folderWithMembers();
        Files.createDirectories(folder.resolve("sub"));
        Path file = folder.resolve("x_ensemble.json");
        String a = Sha256.of(folder.resolve("a.zip"));
        ManifestJson.MAPPER.writeValue(file.toFile(), new EnsembleManifest(EnsembleManifest.FORMAT, List.of(),
                List.of(new EnsembleManifest.Member("a.zip", a), new EnsembleManifest.Member("b.zip", "00"),
                        new EnsembleManifest.Member("sub/../a.zip", a))));
        assertEquals(file + ": member 3 (sub/../a.zip): expected each model once, found the same file as member 1"
                + " (a.zip)", assertThrows(ManifestException.class, () -> EnsembleManifest.read(file)).getMessage());

        Files.createSymbolicLink(folder.resolve("sub/link.zip"), folder.resolve("b.zip"));
        ManifestJson.MAPPER.writeValue(file.toFile(), new EnsembleManifest(EnsembleManifest.FORMAT, List.of(),
                List.of(new EnsembleManifest.Member("b.zip", "00"), new EnsembleManifest.Member("sub/link.zip", "00"))));
        assertEquals(file + ": member 2 (sub/link.zip): expected each model once, found the same file as member 1"
                + " (b.zip)", assertThrows(ManifestException.class, () -> EnsembleManifest.read(file)).getMessage());
    }

    @Test
    void atMostMaxMembers() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("many"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i <= EnsembleManifest.MAX_MEMBERS; i++) {
            files.add(Files.writeString(folder.resolve("m" + i + ".zip"), "member " + i));
        }
        Path file = folder.resolve("x_ensemble.json");
        EnsembleManifest.of(folder, files.subList(0, EnsembleManifest.MAX_MEMBERS), List.of()).write(file);
        EnsembleManifest.read(file).verify(file);

        assertThrows(IllegalArgumentException.class, () -> EnsembleManifest.of(folder, files, List.of()));
        List<EnsembleManifest.Member> members = new ArrayList<>();
        for (Path f : files) {
            members.add(new EnsembleManifest.Member(f.getFileName().toString(), Sha256.of(f)));
        }
        ManifestJson.MAPPER.writeValue(file.toFile(), new EnsembleManifest(EnsembleManifest.FORMAT, List.of(),
                members));
        assertEquals(file + ": members: expected at most 64, found 65",
                assertThrows(ManifestException.class, () -> EnsembleManifest.read(file)).getMessage());
    }
}
