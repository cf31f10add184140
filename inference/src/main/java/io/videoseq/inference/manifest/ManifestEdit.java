package io.videoseq.inference.manifest;

import io.videoseq.inference.EnsemblePredictor;
import io.videoseq.inference.ModelShape;
import io.videoseq.inference.ShapeMismatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A new ensemble manifest made from an existing one: some members dropped (by their 1-based position in it), model
 * zips added. The input is never changed, and nothing is trusted that a manifest would not trust: the kept members'
 * SHA-256 are checked before they are carried over (a dropped one may have changed: that can be why it goes), added members get theirs computed, and every member of the new
 * manifest must lie inside its folder. An added model must read the same feature width and predict the same number
 * of classes as the members (checkpoints do not record class names, so the class count is what can be checked).
 */
public final class ManifestEdit {

    private ManifestEdit() {
    }

    /**
     * @param inFile  the manifest to start from
     * @param drop    1-based member numbers of {@code inFile} to leave out
     * @param add     model zips to append, in this order, after the kept members
     * @param outFile where the new manifest will be written (its folder decides the relative paths)
     * @return the new manifest; the caller writes it
     * @throws ManifestException      naming the manifest, the member and the problem
     * @throws ShapeMismatchException naming an added model whose feature width or class count differs
     */
    public static EnsembleManifest edit(Path inFile, List<Integer> drop, List<Path> add, Path outFile)
            throws IOException {
        EnsembleManifest in = EnsembleManifest.read(inFile);
        List<Path> inFiles = in.files(inFile);
        int n = in.members().size();
        Set<Integer> dropped = new TreeSet<>(drop);
        for (int k : dropped) {
            if (k < 1 || k > n) {
                throw new ManifestException(inFile + ": --drop " + k + ": expected a member number in [1, " + n
                        + "], found " + k);
            }
        }
        List<Path> kept = new ArrayList<>();
        List<EnsembleManifest.Member> keptMembers = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            if (!dropped.contains(k)) {
                EnsembleManifest.verify(inFile, in.members().get(k - 1));
                kept.add(inFiles.get(k - 1));
                keptMembers.add(in.members().get(k - 1));
            }
        }
        if (kept.isEmpty() && add.isEmpty()) {
            throw new ManifestException(inFile + ": --drop " + String.join(",", dropped.stream().map(String::valueOf)
                    .toList()) + ": expected at least one member left, found none of its " + n);
        }
        Set<Path> members = new LinkedHashSet<>();
        for (Path f : kept) {
            members.add(f.toRealPath());
        }
        ModelShape reference = kept.isEmpty() ? null : ModelShape.of(EnsemblePredictor.loadOne(kept.get(0)));
        Path referenceFile = kept.isEmpty() ? null : kept.get(0);
        for (Path f : add) {
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f.toString());
            }
            if (!members.add(f.toRealPath())) {
                throw new ManifestException("--add " + f + ": expected a model that is not yet a member, found it"
                        + " among the members already");
            }
            ModelShape shape = ModelShape.of(EnsemblePredictor.loadOne(f));
            if (reference == null) {
                reference = shape;
                referenceFile = f;
            } else if (!shape.equals(reference)) {
                throw new ShapeMismatchException("--add " + f + ": expected a model like " + referenceFile
                        + " (" + describe(reference) + "), found " + describe(shape));
            }
        }
        if (!in.classNames().isEmpty() && reference.numClasses() > 0
                && reference.numClasses() != in.classNames().size()) {
            throw new ShapeMismatchException("--add " + referenceFile + ": expected a model of the "
                    + in.classNames().size() + " classes " + in.classNames() + " of " + inFile + ", found one"
                    + " predicting " + reference.numClasses());
        }
        List<Path> files = new ArrayList<>(kept);
        files.addAll(add);
        Path folder = outFile.toAbsolutePath().normalize().getParent();
        for (Path f : files) {
            if (!f.toAbsolutePath().normalize().startsWith(folder)) {
                throw new ManifestException(outFile + ": member " + f + ": expected a model inside " + folder
                        + " (a manifest names its members relative to its own folder), found one outside it;"
                        + " write the manifest beside its members or copy the model there");
            }
        }
        EnsembleManifest paths = EnsembleManifest.of(folder, files, in.classNames());
        // Kept members keep what training recorded about them (the path is relative to the new folder); added ones
        // are known by their file only. Whether TTA helps is a property of the old member set: not carried over.
        List<EnsembleManifest.Member> described = new ArrayList<>();
        for (int i = 0; i < paths.members().size(); i++) {
            EnsembleManifest.Member m = paths.members().get(i);
            EnsembleManifest.Member was = i < keptMembers.size() ? keptMembers.get(i) : null;
            described.add(was == null ? m : new EnsembleManifest.Member(m.path(), m.sha256(), was.modelName(),
                    was.valAccuracy(), was.testAccuracy(), was.testAccuracyTta()));
        }
        EnsembleManifest out = new EnsembleManifest(paths.format(), paths.classNames(), described, in.modelConfig(),
                null);
        // The same confinement a reader applies (no link leading out of the folder).
        out.files(outFile);
        return out;
    }

    private static String describe(ModelShape s) {
        return s.featureDim() + " features per frame, " + s.numClasses() + " classes";
    }
}
