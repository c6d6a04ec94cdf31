package org.affect4j.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link ForkedJvm.Task} for {@link ForkedJvmTest}: prints its process id and arguments, then does what its
 * first argument says: {@code ok}, {@code fail} (throws), {@code halt} (the JVM dies as in a native crash),
 * {@code sleep MILLIS FILE} (writes FILE, then sleeps), {@code heap} (prints its maximum heap in MB), {@code oom}
 * (allocates until the heap is exhausted).
 */
public final class EchoTask implements ForkedJvm.Task {
    public EchoTask() {
    }

    @Override
    public void run(List<String> args) throws Exception {
        System.out.println("pid " + ProcessHandle.current().pid() + " args " + args);
        switch (args.get(0)) {
            case "ok" -> System.err.println("to standard error");
            case "fail" -> throw new IllegalStateException("asked to fail\nsecond line");
            case "halt" -> Runtime.getRuntime().halt(7);
            case "sleep" -> {
                Files.writeString(Path.of(args.get(2)), "started");
                Thread.sleep(Long.parseLong(args.get(1)));
            }
            case "heap" -> System.out.println("max heap " + (Runtime.getRuntime().maxMemory() >> 20));
            case "oom" -> {
                List<long[]> hold = new java.util.ArrayList<>();
                while (true) hold.add(new long[1 << 20]);
            }
            default -> throw new IllegalArgumentException(args.get(0));
        }
    }
}
