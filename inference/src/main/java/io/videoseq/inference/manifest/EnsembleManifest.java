package io.videoseq.inference.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.videoseq.data.io.AtomicFiles;
import io.videoseq.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One file that names an ensemble: its members' model zips (paths relative to the manifest's folder) with their
 * SHA-256, and the class names. {@code videoseq ensemble} writes {@code {prefix}_ensemble.json} beside the members;
 * {@code evaluate}/{@code predict --manifest} read it instead of a list of {@code --model} flags, and a user drops
 * a weak member with {@code ensemble-edit} ({@link ManifestEdit}), which writes a new manifest.
 *
 * <p>A manifest travels between people, so reading it trusts nothing in it: a member path must stay inside the
 * manifest's folder (no absolute path, no {@code ..}, no link leading out; a model elsewhere is given on the
 * command line with {@code --model} instead), each member's SHA-256 is checked before it is loaded, and before any
 * hashing a manifest naming more than {@value #MAX_MEMBERS} members, or one file twice (by the same path or two
 * paths leading to it), is refused: hashing is the slow step (seconds per large member), and a manifest
 * listing one large model thousands of times would otherwise hash for minutes.
 *
 * <p>What {@code videoseq ensemble} knows about its members is recorded beside them, for a person choosing which
 * to drop and for a service loading the ensemble: the model configuration, whether TTA helped the ensemble on the
 * test split ({@code tta_recommended}, the default of {@link io.videoseq.inference.VideoClassifier#load}), and each member's name and
 * validation / test accuracy (percent). These are absent (null) in manifests written before, and for members
 * {@code ensemble-edit --add} adds.
 *
 * @param format         always {@value #FORMAT}
 * @param classNames     class names by class index
 * @param members        the members, in the order their probabilities are averaged
 * @param modelConfig    the members' model configuration, or null when not recorded
 * @param ttaRecommended whether the ensemble's TTA test accuracy was at least its plain one, or null
 */
public record EnsembleManifest(@JsonProperty("format") String format,
                               @JsonProperty("class_names") List<String> classNames,
                               @JsonProperty("members") List<Member> members,
                               @JsonProperty("model_config") @JsonInclude(JsonInclude.Include.NON_NULL)
                               ModelConfig modelConfig,
                               @JsonProperty("tta_recommended") @JsonInclude(JsonInclude.Include.NON_NULL)
                               Boolean ttaRecommended) {

    public static final String FORMAT = "videoseq-ensemble-1";

    /**
     * The most members a manifest may name. Every member is hashed, loaded and run for every video; the original's
     * production ensemble has 4, and 64 leaves room for any ensemble that still pays for itself while bounding what a
     * manifest from a stranger can make a reader do.
     */
    public static final int MAX_MEMBERS = 64;

    /**
     * @param path            the model zip, relative to the manifest's folder
     * @param sha256          its lowercase hex SHA-256
     * @param modelName       the training run's name, or null
     * @param valAccuracy     best validation accuracy (percent), or null
     * @param testAccuracy    test accuracy (percent), or null
     * @param testAccuracyTta test accuracy with TTA (percent), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(@JsonProperty("path") String path, @JsonProperty("sha256") String sha256,
                         @JsonProperty("model_name") String modelName,
                         @JsonProperty("val_accuracy") Double valAccuracy,
                         @JsonProperty("test_accuracy") Double testAccuracy,
                         @JsonProperty("test_accuracy_tta") Double testAccuracyTta) {

        /** A member known only by its file. */
        public Member(String path, String sha256) {
            this(path, sha256, null, null, null, null);
        }
    }

    public EnsembleManifest {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        members = members == null ? List.of() : List.copyOf(members);
    }

    public EnsembleManifest(String format, List<String> classNames, List<Member> members) {
        this(format, classNames, members, null, null);
    }

    /**
     * This manifest with what training knows: the model configuration, whether TTA helped the ensemble, and each
     * member described ({@code described} in member order, each for the same path and SHA-256).
     */
    public EnsembleManifest withTrainingDetails(ModelConfig config, boolean ttaHelped, List<Member> described) {
        if (described.size() != members.size()) {
            throw new IllegalArgumentException("members: expected " + members.size() + ", found " + described.size());
        }
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            Member d = described.get(i);
            if (!Objects.equals(m.path(), d.path()) || !Objects.equals(m.sha256(), d.sha256())) {
                throw new IllegalArgumentException("member " + (i + 1) + ": expected " + m.path() + " (" + m.sha256()
                        + "), found " + d.path() + " (" + d.sha256() + ")");
            }
        }
        return new EnsembleManifest(format, classNames, described, config, ttaHelped);
    }

    /**
     * The manifest of {@code modelFiles}, which must all lie in {@code folder}.
     *
     * @throws IllegalArgumentException for more than {@value #MAX_MEMBERS} files: no reader would accept the manifest
     */
    public static EnsembleManifest of(Path folder, List<Path> modelFiles, List<String> classNames) {
        if (modelFiles.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("an ensemble manifest names at most " + MAX_MEMBERS + " members, found "
                    + modelFiles.size());
        }
        List<Member> members = new ArrayList<>();
        for (Path f : modelFiles) {
            Path rel = folder.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize());
            members.add(new Member(rel.toString(), Sha256.of(f)));
        }
        return new EnsembleManifest(FORMAT, classNames, members);
    }

    /** Writes the manifest atomically. */
    public void write(Path file) {
        AtomicFiles.writeStream(file, out -> ManifestJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, this));
    }

    /**
     * Reads and checks a manifest: its format, one to {@value #MAX_MEMBERS} members, each member's path inside the
     * manifest's folder and its file present, no member named twice. Hashes nothing (see {@link #verify}).
     *
     * @throws ManifestException one line naming the manifest, the member and the problem
     */
    public static EnsembleManifest read(Path file) throws IOException {
        EnsembleManifest m;
        try {
            m = ManifestJson.MAPPER.readValue(file.toFile(), EnsembleManifest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ManifestException(file + ": expected an ensemble manifest (JSON with format, class_names,"
                    + " members); found " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (!FORMAT.equals(m.format())) {
            throw new ManifestException(file + ": format: expected \"" + FORMAT + "\", found " + m.format());
        }
        if (m.members().isEmpty()) {
            throw new ManifestException(file + ": members: expected at least one model, found none");
        }
        m.requireDistinct(file);
        return m;
    }

    /**
     * The member files, resolved and confined to the manifest's folder.
     *
     * @throws ManifestException naming the first member that is not a file inside that folder
     */
    public List<Path> files(Path manifestFile) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Member member : members) {
            out.add(resolve(manifestFile, member));
        }
        return out;
    }

    /**
     * Checks every member's SHA-256 against the manifest, after the checks of {@link #read} (so no member is hashed
     * twice and at most {@value #MAX_MEMBERS} are hashed, whoever built this manifest).
     *
     * @throws ManifestException naming the first member whose file changed
     */
    public void verify(Path manifestFile) throws IOException {
        requireDistinct(manifestFile);
        for (Member member : members) {
            verify(manifestFile, member);
        }
    }

    /**
     * At most {@value #MAX_MEMBERS} members, each path confined to the manifest's folder and present, and no file named
     * twice (by the same path or by two paths that lead to it). All before any member is hashed; the loop stops at the
     * first duplicate or past the cap, so a manifest of thousands of entries costs at most that many path lookups.
     *
     * @throws ManifestException naming the manifest and the first duplicate, or the count
     */
    private void requireDistinct(Path manifestFile) throws IOException {
        Map<Path, Integer> byFile = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            if (i == MAX_MEMBERS) {
                throw new ManifestException(manifestFile + ": members: expected at most " + MAX_MEMBERS + ", found "
                        + members.size());
            }
            Member m = members.get(i);
            Integer first = byFile.putIfAbsent(resolve(manifestFile, m).toRealPath(), i);
            if (first != null) {
                throw new ManifestException(manifestFile + ": member " + (i + 1) + " (" + m.path() + "): expected"
                        + " each model once, found the same file as member " + (first + 1) + " ("
                        + members.get(first).path() + ")");
            }
        }
    }

    /** Checks one member's SHA-256 (an edit checks only the members it keeps: a changed one may be dropped). */
    static void verify(Path manifestFile, Member member) throws IOException {
        String actual = Sha256.of(resolve(manifestFile, member));
        if (!actual.equals(member.sha256())) {
            throw new ManifestException(manifestFile + ": member " + member.path() + ": expected SHA-256 "
                    + member.sha256() + ", found " + actual + " (the file changed since the manifest was written)");
        }
    }

    private static Path resolve(Path manifestFile, Member member) throws IOException {
        Objects.requireNonNull(member, "member");
        String p = member.path();
        Path folder = manifestFile.toAbsolutePath().normalize().getParent();
        if (p == null || p.isEmpty() || p.contains("\\") || Path.of(p).isAbsolute()) {
            throw new ManifestException(manifestFile + ": member " + p + ": expected a path relative to the"
                    + " manifest's folder; give a model elsewhere with --model");
        }
        Path resolved = folder.resolve(p).normalize();
        if (!resolved.startsWith(folder)) {
            throw new ManifestException(manifestFile + ": member " + p + ": expected a path inside " + folder
                    + ", found one leading out of it; give a model elsewhere with --model");
        }
        if (!Files.isRegularFile(resolved)) {
            throw new ManifestException(manifestFile + ": member " + p + ": expected a model zip, found no file "
                    + resolved);
        }
        if (!resolved.toRealPath().startsWith(folder.toRealPath())) {
            throw new ManifestException(manifestFile + ": member " + p + ": expected a file inside " + folder
                    + ", found a link to " + resolved.toRealPath());
        }
        return resolved;
    }
}
