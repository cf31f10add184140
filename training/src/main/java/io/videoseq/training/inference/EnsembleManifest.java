package io.videoseq.training.inference;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.videoseq.data.io.AtomicFiles;
import io.videoseq.training.checkpoint.InputChecksums;
import io.videoseq.training.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One file that names an ensemble: its members' model zips (paths relative to the manifest's folder) with their
 * SHA-256, and the class names. {@code videoseq ensemble} writes {@code {prefix}_ensemble.json} beside the members;
 * {@code evaluate}/{@code predict --manifest} read it instead of a list of {@code --model} flags, and a user drops
 * a weak member with {@code ensemble-edit} ({@link ManifestEdit}), which writes a new manifest.
 *
 * <p>A manifest travels between people, so reading it trusts nothing in it: a member path must stay inside the
 * manifest's folder (no absolute path, no {@code ..}, no link leading out; a model elsewhere is given on the
 * command line with {@code --model} instead), and each member's SHA-256 is checked before it is loaded.
 *
 * @param format     always {@value #FORMAT}
 * @param classNames class names by class index
 * @param members    the members, in the order their probabilities are averaged
 */
public record EnsembleManifest(@JsonProperty("format") String format,
                               @JsonProperty("class_names") List<String> classNames,
                               @JsonProperty("members") List<Member> members) {

    public static final String FORMAT = "videoseq-ensemble-1";

    /**
     * @param path   the model zip, relative to the manifest's folder
     * @param sha256 its lowercase hex SHA-256
     */
    public record Member(@JsonProperty("path") String path, @JsonProperty("sha256") String sha256) {
    }

    public EnsembleManifest {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** The manifest of {@code modelFiles}, which must all lie in {@code folder}. */
    public static EnsembleManifest of(Path folder, List<Path> modelFiles, List<String> classNames) {
        List<Member> members = new ArrayList<>();
        for (Path f : modelFiles) {
            Path rel = folder.toAbsolutePath().normalize().relativize(f.toAbsolutePath().normalize());
            members.add(new Member(rel.toString(), InputChecksums.sha256(f)));
        }
        return new EnsembleManifest(FORMAT, classNames, members);
    }

    /** Writes the manifest atomically. */
    public void write(Path file) {
        AtomicFiles.writeStream(file, out -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, this));
    }

    /**
     * Reads and checks a manifest: its format, at least one member, each member's path inside the manifest's
     * folder and its file present.
     *
     * @throws ManifestException one line naming the manifest, the member and the problem
     */
    public static EnsembleManifest read(Path file) throws IOException {
        EnsembleManifest m;
        try {
            m = Json.mapper().readValue(file.toFile(), EnsembleManifest.class);
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
        m.files(file);
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
     * Checks every member's SHA-256 against the manifest.
     *
     * @throws ManifestException naming the first member whose file changed
     */
    public void verify(Path manifestFile) throws IOException {
        for (Member member : members) {
            verify(manifestFile, member);
        }
    }

    /** Checks one member's SHA-256 (an edit checks only the members it keeps: a changed one may be dropped). */
    static void verify(Path manifestFile, Member member) throws IOException {
        String actual = InputChecksums.sha256(resolve(manifestFile, member));
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
