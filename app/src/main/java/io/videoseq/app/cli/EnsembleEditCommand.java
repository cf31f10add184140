package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.app.io.OutputFiles;
import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.inference.manifest.ManifestEdit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videoseq ensemble-edit}: a new ensemble manifest with members dropped or added; the input stays as it is. */
@Command(name = "ensemble-edit", mixinStandardHelpOptions = true,
        description = "Writes a new ensemble manifest from --manifest with members dropped (by number, 1-based, in"
                + " the manifest's order) and model zips added (checksummed, checked to have the members' feature"
                + " width and class count). Never changes --manifest.")
public final class EnsembleEditCommand implements Callable<Integer> {
    @Option(names = "--manifest", required = true, paramLabel = "IN.json", description = "The manifest to start from.")
    Path manifest;

    @Option(names = "--drop", split = ",", paramLabel = "K", description = "Member numbers to leave out, e.g. 2 or 1,3.")
    List<String> drop = new ArrayList<>();

    @Option(names = "--add", paramLabel = "M.zip", description = "A model zip to add (repeatable); it must lie in"
            + " the folder of --out, as every member of a manifest does.")
    List<Path> add = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "OUT.json", description = "The new manifest.")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists (never --manifest itself).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (drop.isEmpty() && add.isEmpty()) {
            throw new UserInputException("ensemble-edit: expected --drop K or --add M.zip, found neither");
        }
        if (out.toAbsolutePath().normalize().equals(manifest.toAbsolutePath().normalize())
                || (Files.exists(out) && Files.exists(manifest) && Files.isSameFile(out, manifest))) {
            throw new UserInputException("--out " + out + ": expected a new file, found --manifest itself; a"
                    + " manifest is never edited in place");
        }
        OutputFiles.requireNew(out, "--out", force);
        EnsembleManifest edited = ManifestEdit.edit(manifest, numbers(), add, out);
        edited.write(out);
        PrintWriter w = spec.commandLine().getOut();
        for (EnsembleManifest.Member m : edited.members()) {
            w.println("member           " + m.path() + "  sha256 " + m.sha256());
        }
        w.println("manifest         " + out + " (" + edited.members().size() + (edited.members().size() == 1 ? " member)" : " members)"));
        w.flush();
        return 0;
    }

    private List<Integer> numbers() {
        List<Integer> out = new ArrayList<>();
        for (String k : drop) {
            if (!k.strip().matches("[0-9]{1,9}")) {
                throw new UserInputException("--drop " + String.join(",", drop) + ": expected member numbers such"
                        + " as 2 or 1,3, found '" + k + "'");
            }
            out.add(Integer.parseInt(k.strip()));
        }
        return out;
    }
}
