package org.affect4j.cli;

import org.affect4j.store.FeatureStore;
import org.affect4j.store.StoreVerification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code affect4j store}: commands on a feature store. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Commands on a feature store.",
        subcommands = {StoreCommand.Verify.class})
final class StoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: verify");
    }

    /** {@code affect4j store verify STORE}: rechecks every matrix against the manifest written with it. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recheck a feature store: hash every matrix and mask file again and compare with the SHA-256 "
                    + "its manifest recorded when it was written, and each manifest's extraction (extractor, version, "
                    + "model hash, detector, track, faceEvery) with the feature's feature.json.",
                    "One line per missing, changed or unrecorded matrix; exit 0 when every matrix is as written, 1 if not."})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STORE", description = "The store folder.")
        Path store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            StoreVerification.Result r = StoreVerification.verify(new FeatureStore(store));
            PrintWriter o = spec.commandLine().getOut();
            r.problems().forEach(o::println);
            o.println(r.ok() ? "store " + store + ": all " + r.verified() + " matrices are as written"
                    : "store " + store + ": " + r.problems().size() + " of " + (r.verified() + r.problems().size())
                    + " matrices missing, changed or unrecorded");
            o.flush();
            return r.ok() ? 0 : Affect4j.EXIT_FAILURE;
        }
    }
}
