/**
 * The {@code affect4j} command line (picocli). One subcommand per pipeline stage; each is a
 * {@code Callable<Integer>}; errors become one line on stderr and a documented exit code.
 */
package org.affect4j.cli;
