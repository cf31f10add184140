package io.videoseq.inference.manifest;

import io.videoseq.inference.ShapeMismatchException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new manifest from an old one: members dropped by number, models added with their checksums and shape checked. */
class ManifestEditTest {

    @TempDir
    Path tmp;

    private Path folder;
    private Path in;

    private Path model(String name, int features, int classes) throws Exception {
        ModelConfig c = ModelConfig.builder().featureDim(features).numClasses(classes).hiddenDim(4).numLstmLayers(1)
                .numAttentionHeads(2).headDims(4, 4, 4).build();
        Path f = folder.resolve(name);
        ModelSerializer.writeModel(TemporalModelFactory.build(c), f.toFile(), false);
        return f;
    }

    @BeforeEach
    void threeMembers() throws Exception {
        folder = Files.createDirectories(tmp.resolve("ens"));
        List<Path> members = List.of(model("m1.zip", 6, 3), model("m2.zip", 6, 3), model("m3.zip", 6, 3));
        in = folder.resolve("e_ensemble.json");
        EnsembleManifest plain = EnsembleManifest.of(folder, members, List.of("walk", "run", "jump"));
        List<EnsembleManifest.Member> described = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EnsembleManifest.Member m = plain.members().get(i);
            described.add(new EnsembleManifest.Member(m.path(), m.sha256(), "e_model_" + (i + 1), 50.0 + i, 40.0 + i,
                    45.0 + i));
        }
        new EnsembleManifest(plain.format(), plain.classNames(), described, null, true).write(in);
    }

    @Test
    void dropsByNumberAndAddsWithChecksums() throws Exception {
        Path added = model("m4.zip", 6, 3);
        byte[] before = Files.readAllBytes(in);
        Path out = folder.resolve("edited.json");
        EnsembleManifest m = ManifestEdit.edit(in, List.of(2), List.of(added), out);
        m.write(out);

        EnsembleManifest back = EnsembleManifest.read(out);
        assertEquals(List.of("m1.zip", "m3.zip", "m4.zip"), back.members().stream()
                .map(EnsembleManifest.Member::path).toList());
        assertEquals(Sha256.of(added), back.members().get(2).sha256());
        assertEquals(List.of("walk", "run", "jump"), back.classNames());
        assertEquals("e_model_3", back.members().get(1).modelName(), "a kept member keeps what training recorded");
        assertEquals(42.0, back.members().get(1).testAccuracy());
        assertEquals(null, back.members().get(2).valAccuracy(), "an added member is known by its file only");
        assertEquals(null, back.ttaRecommended(), "whether TTA helps was a property of the old member set");
        back.verify(out);
        assertArrayEquals(before, Files.readAllBytes(in), "the input manifest is never changed");
    }

    @Test
    void aManifestInASubfolderNamesTheSameFiles() throws Exception {
        Files.createDirectories(folder.resolve("sub"));
        Path moved = Files.copy(folder.resolve("m1.zip"), folder.resolve("sub/m1.zip"));
        EnsembleManifest.of(folder.resolve("sub"), List.of(moved), List.of("walk", "run", "jump"))
                .write(folder.resolve("sub/s.json"));
        // Out one folder up: the kept member's path is made relative to the new manifest's folder.
        EnsembleManifest m = ManifestEdit.edit(folder.resolve("sub/s.json"), List.of(), List.of(folder.resolve(
                "m2.zip")), folder.resolve("up.json"));
        assertEquals(List.of("sub/m1.zip", "m2.zip"), m.members().stream().map(EnsembleManifest.Member::path)
                .toList());
    }

    @Test
    void refusals() throws Exception {
        Path out = folder.resolve("out.json");
        ManifestException all = assertThrows(ManifestException.class,
                () -> ManifestEdit.edit(in, List.of(1, 2, 3), List.of(), out));
        assertTrue(all.getMessage().contains("--drop 1,2,3: expected at least one member left, found none of its 3"),
                all.getMessage());
        ManifestException range = assertThrows(ManifestException.class,
                () -> ManifestEdit.edit(in, List.of(4), List.of(), out));
        assertTrue(range.getMessage().endsWith("--drop 4: expected a member number in [1, 3], found 4"),
                range.getMessage());
        ManifestException twice = assertThrows(ManifestException.class,
                () -> ManifestEdit.edit(in, List.of(), List.of(folder.resolve("m1.zip")), out));
        assertTrue(twice.getMessage().contains("found it among the members already"), twice.getMessage());
        assertThrows(NoSuchFileException.class,
                () -> ManifestEdit.edit(in, List.of(), List.of(folder.resolve("none.zip")), out));

        Path wide = model("wide.zip", 7, 3);
        ShapeMismatchException width = assertThrows(ShapeMismatchException.class,
                () -> ManifestEdit.edit(in, List.of(1), List.of(wide), out));
        assertTrue(width.getMessage().contains("--add " + wide + ": expected a model like " + folder.resolve("m2.zip")
                + " (6 features per frame, 3 classes), found 7 features per frame, 3 classes"), width.getMessage());
        Path four = model("four.zip", 6, 4);
        ShapeMismatchException classes = assertThrows(ShapeMismatchException.class,
                () -> ManifestEdit.edit(in, List.of(1, 2, 3), List.of(four), out));
        assertTrue(classes.getMessage().contains("expected a model of the 3 classes [walk, run, jump]"),
                classes.getMessage());

        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        ManifestException outside = assertThrows(ManifestException.class,
                () -> ManifestEdit.edit(in, List.of(), List.of(), elsewhere.resolve("e.json")));
        assertTrue(outside.getMessage().contains("expected a model inside " + elsewhere), outside.getMessage());

        Files.writeString(folder.resolve("m3.zip"), "tampered");
        ManifestException changed = assertThrows(ManifestException.class,
                () -> ManifestEdit.edit(in, List.of(1), List.of(), out));
        assertTrue(changed.getMessage().contains("member m3.zip: expected SHA-256"), changed.getMessage());
        EnsembleManifest withoutIt = ManifestEdit.edit(in, List.of(3), List.of(), out);
        assertEquals(List.of("m1.zip", "m2.zip"), withoutIt.members().stream().map(EnsembleManifest.Member::path)
                .toList(), "a changed member can still be dropped");
        assertTrue(Files.notExists(out), "nothing is written by the library; the caller writes the result");
    }
}
