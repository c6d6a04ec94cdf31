package org.affect4j.spark;

import org.affect4j.jobs.WorkItem;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * A test item: writes {@code count} seeded random numbers to {@code dir/name.txt} atomically, after sleeping
 * {@code sleepMillis}; a name starting with {@code bad} throws instead. Every execution appends the name to
 * {@code dir/executions.log}, so tests can count what really ran.
 */
record SeededFileItem(String name, String dir, long seed, int count, long sleepMillis) implements WorkItem {
    static final String LOG = "executions.log";

    Path output() {
        return Path.of(dir, name + ".txt");
    }

    @Override
    public boolean isDone() {
        return Files.isRegularFile(output());
    }

    @Override
    public void run() throws Exception {
        logExecution();
        if (sleepMillis > 0) Thread.sleep(sleepMillis);
        if (name.startsWith("bad")) throw new IOException("cannot decode " + name + ".mp4: invalid data found\nsecond line");
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.append(r.nextDouble()).append('\n');
        AtomicFiles.writeString(output(), sb.toString());
    }

    private void logExecution() throws IOException {
        // O_APPEND writes of one short line do not interleave between the runner's threads
        Files.writeString(Path.of(dir, LOG), name + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    static java.util.List<String> executions(Path dir) throws IOException {
        Path log = dir.resolve(LOG);
        return Files.exists(log) ? Files.readAllLines(log) : java.util.List.of();
    }
}
