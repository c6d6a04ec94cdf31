package org.affect4j.cli;

import org.affect4j.training.Reproduction;
import org.affect4j.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code affect4j reproduce RUN}: re-trains a finished run as recorded and says whether it matches bit for bit. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Re-train a finished run from its config.json and run.json (same store, seed, features and "
                + "threads) into a fresh folder and compare: every checkpoint's parameters, the best/last choice, the "
                + "standardisation, every learning-curve column and the scores, bit for bit, one line each.",
                "A different affect4j build (version, commit, uncommitted changes), Java or engine is said first. "
                        + "Refused, before training, when the store is missing or a feature descriptor or item list "
                        + "changed since the run, or a matrix the run reads no longer matches the store's manifest (as "
                        + "'affect4j store verify' checks it).",
                "Exit 0 when everything matches, 1 when something differs."})
final class ReproduceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "A finished run directory.")
    Path run;

    @Option(names = "--out", paramLabel = "DIR", description = "Keep the reproduction in DIR (a new or empty folder); "
            + "by default it is trained in a temporary folder and deleted.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (out != null && Files.isDirectory(out) && !isEmpty(out)) {
            throw new IllegalArgumentException("--out " + out + " is not empty; the reproduction needs a new or empty folder");
        }
        Path temp = out == null ? Files.createTempDirectory("affect4j-reproduce-") : null;
        Path target = out != null ? out : temp.resolve("run");
        PrintWriter err = spec.commandLine().getErr();
        Reproduction.Report report;
        try (TrainCommand.BarListener listener = new TrainCommand.BarListener(err)) {
            report = Reproduction.run(run, target, listener);
        } finally {
            if (temp != null) AtomicFiles.deleteTreeQuietly(temp);
        }
        PrintWriter o = spec.commandLine().getOut();
        for (Reproduction.Line l : report.lines()) {
            o.println((l.kind() == Reproduction.Kind.NOTE ? "note: " : l.kind() == Reproduction.Kind.MATCH ? "same: " : "DIFFERS: ")
                    + l.text());
        }
        long differ = report.lines().stream().filter(l -> l.kind() == Reproduction.Kind.DIFFERS).count();
        o.println(differ == 0 ? "reproduced " + run + " bit for bit"
                : "not reproduced: " + differ + " of " + report.lines().stream().filter(l -> l.kind() != Reproduction.Kind.NOTE).count()
                + " comparisons differ");
        if (out != null) o.println("reproduction: " + out.toAbsolutePath());
        o.flush();
        return differ == 0 ? 0 : Affect4j.EXIT_FAILURE;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
