package org.affect4j.cli;

import picocli.CommandLine;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * Turns any exception escaping a command into one line {@code affect4j: error: <message>} on stderr and an exit
 * code; the stack trace is printed only with {@code --stacktrace} (or {@code -Daffect4j.stacktrace=true}). Running
 * out of memory says what to change ({@link OutOfMemory}).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean trace = Boolean.getBoolean("affect4j.stacktrace") || hasStacktraceFlag(parsed);
        cl.getErr().println("affect4j: error: " + message(ex));
        if (trace) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return exitCode(ex);
    }

    private static boolean hasStacktraceFlag(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p != null) {
            if (Arrays.asList(p.originalArgs().toArray(new String[0])).contains("--stacktrace")) return true;
            p = p.subcommand();
        }
        return false;
    }

    /**
     * A usage error (a missing or bad option, an unknown name): one line with a hint where to look, exit 2; the
     * whole help is one {@code --help} away rather than dumped under the error.
     */
    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("affect4j: error: " + message(ex) + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        cl.getErr().flush();
        return Affect4j.EXIT_USAGE;
    }

    /** The first line of the most useful message in the cause chain. */
    static String message(Throwable ex) {
        if (OutOfMemory.is(ex)) return OutOfMemory.message(ex);
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException nsf) return nsf.getFile() + " does not exist";
        String m = t.getMessage();
        if (m == null || m.isBlank()) return t.getClass().getSimpleName() + " (no message; rerun with --stacktrace)";
        int nl = m.indexOf('\n');
        return missingFile(nl > 0 ? m.substring(0, nl) : m, t);
    }

    /**
     * A message that ends with a missing file's bare path (the whole message of a {@link NoSuchFileException}, as
     * wrappers append it: "cannot read /x/t.csv: /x/t.csv") says that the file does not exist instead.
     */
    private static String missingFile(String m, Throwable t) {
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
            if (c instanceof NoSuchFileException nsf && nsf.getFile() != null && m.endsWith(": " + nsf.getMessage())) {
                String head = m.substring(0, m.length() - nsf.getMessage().length() - 2);
                return head.equals("cannot read " + nsf.getFile()) ? nsf.getFile() + " does not exist"
                        : head + ": " + nsf.getFile() + " does not exist";
            }
        }
        return m;
    }

    /** Exit code for an exception: 3 for bad input, 1 for a failed run, 4 for a bug. */
    static int exitCode(Throwable ex) {
        if (ex instanceof CommandLine.ParameterException) return Affect4j.EXIT_USAGE;
        if (OutOfMemory.is(ex)) return Affect4j.EXIT_FAILURE;
        if (ex instanceof org.affect4j.data.DataFormatException || ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException
                || ex instanceof java.io.IOException) {
            return Affect4j.EXIT_BAD_INPUT;
        }
        if (ex instanceof IllegalStateException || ex instanceof InterruptedException) return Affect4j.EXIT_FAILURE;
        return Affect4j.EXIT_INTERNAL;
    }
}
