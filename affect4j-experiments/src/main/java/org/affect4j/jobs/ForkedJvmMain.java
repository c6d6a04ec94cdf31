package org.affect4j.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child side of {@link ForkedJvm}: reads one request per line from standard input (a JSON array: the
 * {@link ForkedJvm.Task} class, then its arguments), runs it, prints {@link ForkedJvm#END} and the exit code, and
 * waits for the next. Exits when its input ends while idle, when idle for {@link #IDLE_EXIT_MINUTES}, or after a
 * failed task; halts at once when its input ends during a task (the parent was killed: the restarted job redoes
 * the work, and this child must not write beside it).
 */
public final class ForkedJvmMain {
    /** Backstop for a parent that forgets a child. */
    static final long IDLE_EXIT_MINUTES = 10;
    private static final String EOF = new String("end of input");
    /** Requests read and not yet answered. */
    private static final AtomicInteger PENDING = new AtomicInteger();

    private ForkedJvmMain() {
    }

    /** @param args the {@code @argfile} this JVM was started with, read by now: deleted */
    public static void main(String[] args) throws Exception {
        if (args.length > 0) java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(args[0]));
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(requests), "affect4j-requests");
        reader.setDaemon(true);
        reader.start();
        while (true) {
            String request = requests.poll(IDLE_EXIT_MINUTES, TimeUnit.MINUTES);
            if (request == null || request == EOF) System.exit(0);
            int code = run(request);
            System.out.flush();
            System.err.flush();
            System.out.println(ForkedJvm.END + code);
            System.out.flush();
            PENDING.decrementAndGet();
            if (code != 0) System.exit(code);
        }
    }

    private static void read(BlockingQueue<String> requests) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                PENDING.incrementAndGet();
                requests.add(line);
            }
        } catch (IOException e) {
            // treated as the end of input
        }
        if (PENDING.get() > 0) Runtime.getRuntime().halt(3);
        requests.add(EOF);
    }

    private static int run(String request) {
        try {
            List<String> words = List.of(ForkedJvm.JSON.readValue(request, String[].class));
            ForkedJvm.Task task = Class.forName(words.get(0)).asSubclass(ForkedJvm.Task.class)
                    .getDeclaredConstructor().newInstance();
            task.run(words.subList(1, words.size()));
            return 0;
        } catch (OutOfMemoryError e) {
            System.err.println("error: out of memory in a child JVM (" + e.getMessage() + ", heap at most "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB): raise AFFECT4J_CHILD_HEAP (-Daffect4j.childHeap,"
                    + " now " + ForkedJvm.childHeap() + "), or lower training.batchSize or the number of Spark workers");
            return 1;
        } catch (Throwable e) {
            e.printStackTrace();
            System.err.println("error: " + WorkItems.oneLine(e));
            return 1;
        }
    }
}
