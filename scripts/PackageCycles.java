import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Lists the package cycles among affect4j's compiled classes (every module's {@code target/classes}, after
 * {@code mvn install -DskipTests}): runs the JDK's {@code jdeps -verbose:package} and prints each group of packages
 * that depend on each other round a loop. Exit 0 when there is none, 1 otherwise.
 * <pre>java scripts/PackageCycles.java [ROOT]</pre>
 */
public class PackageCycles {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<String> jdepsArgs = new ArrayList<>(List.of("-verbose:package", "-e", "org\\.affect4j\\..*"));
        try (Stream<Path> s = Files.list(root)) {
            s.filter(d -> d.getFileName().toString().startsWith("affect4j-")).map(d -> d.resolve("target/classes"))
                    .filter(Files::isDirectory).sorted().forEach(d -> jdepsArgs.add(d.toString()));
        }
        if (jdepsArgs.size() == 3) {
            System.err.println("affect4j: error: no affect4j-*/target/classes under " + root.toAbsolutePath() + "; build first");
            System.exit(2);
        }
        StringWriter out = new StringWriter();
        int rc = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(System.err), jdepsArgs.toArray(String[]::new));
        if (rc != 0) System.exit(rc);
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("org.affect4j") && !f[0].equals(f[2])) {
                uses.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[2]);
                uses.computeIfAbsent(f[2], k -> new TreeSet<>());
            }
        }
        List<Set<String>> cycles = new Cycles(uses).find();
        for (Set<String> c : cycles) System.out.println("cycle: " + String.join(" <-> ", c));
        System.out.println(uses.size() + " packages, " + cycles.size() + " cycle(s)");
        System.exit(cycles.isEmpty() ? 0 : 1);
    }

    /** Tarjan's strongly connected components; a component of more than one package is a cycle. */
    private record Cycles(Map<String, Set<String>> uses, Map<String, int[]> seen, Deque<String> stack, List<Set<String>> found) {
        Cycles(Map<String, Set<String>> uses) {
            this(uses, new HashMap<>(), new ArrayDeque<>(), new ArrayList<>());
        }

        List<Set<String>> find() {
            for (String p : uses.keySet()) if (!seen.containsKey(p)) visit(p);
            return found;
        }

        /** seen: {index, lowest index reachable, 1 while on the stack}. */
        private void visit(String p) {
            int[] me = {seen.size(), seen.size(), 1};
            seen.put(p, me);
            stack.push(p);
            for (String q : uses.get(p)) {
                int[] other = seen.get(q);
                if (other == null) {
                    visit(q);
                    me[1] = Math.min(me[1], seen.get(q)[1]);
                } else if (other[2] == 1) {
                    me[1] = Math.min(me[1], other[0]);
                }
            }
            if (me[1] != me[0]) return;
            Set<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                seen.get(q)[2] = 0;
                component.add(q);
            } while (!q.equals(p));
            if (component.size() > 1) found.add(component);
        }
    }
}
