package org.affect4j.cli;

import org.affect4j.media.MediaFiles;
import org.affect4j.predict.ExpressionRecognizer;
import org.affect4j.predict.report.TimelinePlot;
import org.affect4j.util.Phases;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code affect4j} command. The only class that calls {@link System#exit}. Exit codes: 0 success, 1 failure
 * while running, 2 usage error, 3 bad input data, 4 internal error (a bug).
 */
@Command(name = "affect4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Per-frame facial expression recognition (8 ABAW classes) from face and voice.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:failure while running",
                "2:usage error (bad options)",
                "3:bad input data (missing or malformed file)",
                "4:internal error (a bug: please report it with --stacktrace output)"})
public final class Affect4j implements Runnable {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_BAD_INPUT = 3;
    public static final int EXIT_INTERNAL = 4;

    /** The subcommands, in the order of the usage message (added by {@link #commandLine(String...)}). */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            CommandLine.HelpCommand.class,
            ListCommand.class,
            PredictCommand.class,
            BuildDefaultModelCommand.class,
            ExtractCommand.class,
            StoreCommand.class,
            TrainCommand.class,
            ReproduceCommand.class,
            EvaluateCommand.class,
            ScoreCommand.class,
            EnsembleCommand.class,
            SubmitCommand.class,
            CvCommand.class, AblateCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error (for bug reports).")
    boolean stacktrace;

    @Override
    public void run() {
        // the bare command prints usage, like git
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line with every subcommand (used by in-process tests). */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * A configured command line for {@code args}: when the first argument names a subcommand (other than help), only
     * that subcommand is built, as picocli reads every option of every subcommand it is given (~0.3 s of a
     * {@code predict} start, README "Speed"); the usage, messages and behaviour of that subcommand are the same.
     * Anything else (no argument, an option first, help, a misspelt name) gets them all.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Affect4j());
        Class<?> only = args.length == 0 || args[0].equals("help") ? null : SUBCOMMANDS.stream()
                .filter(c -> names(c).contains(args[0])).findFirst().orElse(null);
        for (Class<?> c : SUBCOMMANDS) {
            if (only == null || c == only) cl.addSubcommand(c);
        }
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        cl.setParameterExceptionHandler(ErrorHandler::usage);
        return cl;
    }

    /** Runs {@code args} with the given output streams and returns the exit code (no System.exit). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        return execute(cl, args);
    }

    /**
     * Runs the command line; an {@link Error} is not an exception picocli hands to the {@link ErrorHandler}, so
     * running out of memory in the command's own thread is caught here.
     */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            cl.getErr().println("affect4j: error: " + OutOfMemory.message(e));
            cl.getErr().flush();
            return EXIT_FAILURE;
        }
    }

    /** The name and aliases of a subcommand class, from its annotation (the class's options are not read). */
    private static List<String> names(Class<?> c) {
        Command a = c.getAnnotation(Command.class);
        List<String> n = new ArrayList<>(List.of(a.aliases()));
        n.add(a.name());
        return n;
    }

    /** True when an argument names a still picture (predict then needs no FFmpeg); false for odd arguments. */
    private static boolean namesAPicture(String[] args) {
        for (String a : args) {
            try {
                if (!a.startsWith("-") && MediaFiles.isImage(Path.of(a))) return true;
            } catch (RuntimeException e) {
                // not a path: picocli will say what is wrong with it
            }
        }
        return false;
    }

    public static void main(String[] args) {
        Phases.mark("main");
        // any other thread running out of memory (decoders, loaders, Spark) ends the command the same way
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (!OutOfMemory.is(e)) {
                System.err.println("affect4j: error: " + ErrorHandler.message(e) + " (in thread " + thread.getName() + ")");
                if (Boolean.getBoolean("affect4j.stacktrace")) e.printStackTrace();
                return;
            }
            System.err.println("affect4j: error: " + OutOfMemory.message(e));
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_FAILURE);
        });
        if (args.length > 0 && args[0].equals("predict")) {
            // natives load on the other core while picocli reads the command line and the model loads; then the
            // plotting classes and fonts, which the timeline needs at the very end
            ExpressionRecognizer.preload(!namesAPicture(args), () -> {
                TimelinePlot.warmUp();
                Phases.mark("plotting warmed up");
            });
        }
        CommandLine cl = commandLine(args);
        Phases.mark("command line built");
        int code = execute(cl, args);
        Phases.mark("exit");
        System.exit(code);
    }
}
