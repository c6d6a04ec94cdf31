package org.affect4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Test support: runs the real {@code affect4j} command line in-process and captures exit code, stdout and stderr.
 *
 * @param exit exit code
 * @param out  everything printed on stdout
 * @param err  everything printed on stderr
 */
record CommandRun(int exit, String out, String err) {
    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Affect4j.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
