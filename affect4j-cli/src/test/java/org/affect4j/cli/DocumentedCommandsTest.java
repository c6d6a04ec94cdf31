package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code affect4j} command line the documentation shows (code blocks and inline code of the README and the
 * modules' README / RESULTS files) and every one the benchmark scripts run or describe ({@code bench/*.sh}, which the
 * default test run does not run) names a command and options that exist: a renamed option (session 48 found
 * {@code --smooth} and {@code --pred-dir} left behind in prose) fails here instead of on a newcomer's machine. Only
 * the parse is checked, not the values: placeholders such as {@code N} or {@code <the folder>} stand in for them.
 */
class DocumentedCommandsTest {
    private static final Path ROOT = Path.of(System.getProperty("affect4j.root", "..")).toAbsolutePath().normalize();

    /** A command in a code block: the rest of the line after {@code affect4j}, continuation lines joined. */
    private static final Pattern IN_BLOCK = Pattern.compile("(?:^|[\\s;&|(/])(?:\\./)?affect4j\"?\\s+([a-z].*)$");
    /** A command in inline code, possibly behind environment assignments. */
    private static final Pattern INLINE = Pattern.compile("`(?:[A-Z_]+=\\S+\\s+)*(?:\\./)?affect4j\\s+([a-z][^`]*)`");

    record Documented(Path file, int line, String command) {
        @Override
        public String toString() {
            return ROOT.relativize(file) + ":" + line + ": affect4j " + command;
        }
    }

    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        List<Documented> commands = documentedCommands();
        assertTrue(commands.size() >= 50, "the documentation shows dozens of command lines, found " + commands.size());
        List<String> wrong = new ArrayList<>();
        for (Documented d : commands) {
            String problem = problem(d.command());
            if (problem != null) wrong.add(d + "\n    -> " + problem);
        }
        assertEquals("", String.join("\n", wrong), wrong.size() + " documented command lines do not parse");
    }

    /** The checker itself: what it must refuse and what it must let through. */
    @Test
    void theCheckerTellsARenamedOptionFromAPlaceholder() {
        assertEquals(null, problem("predict <the 240 recordings of actors 17-20> --model <it> --out DIR"));
        assertEquals(null, problem("predict --live - --format csv < example-60s.ts"));
        assertEquals(null, problem("train --config F --out RUN [--overwrite] [--threads N]"));
        assertEquals(null, problem("evaluate --run RUN [--last | --average K] [--pred DIR] [--json]"));
        assertEquals(null, problem("predict talk.mp4 --face-every 1          # detect on every frame"));
        assertTrue(problem("evaluate --run runs/lstm --pred-dir pred/lstm").contains("--pred-dir"));
        assertTrue(problem("predict talk.mp4 --smooth 5").contains("--smooth"));
        assertTrue(problem("predcit talk.mp4").contains("predcit"));
    }

    /** Why {@code command} (the words after {@code affect4j}) does not parse, or null when it does. */
    static String problem(String command) {
        List<String> args = words(command);
        try {
            Affect4j.commandLine(args.toArray(String[]::new)).parseArgs(args.toArray(String[]::new));
            return null;
        } catch (CommandLine.UnmatchedArgumentException e) {
            // an unknown option or command; a second positional word is a placeholder's (e.g. "<the folder>")
            return e.getUnmatched().stream().anyMatch(a -> a.startsWith("-")) || e.getCommandLine().getParent() == null
                    ? e.getMessage() : null;
        } catch (CommandLine.ParameterException e) {
            return null; // a value left as a placeholder ("--threads N"), alternatives shown together, a required option left out of prose
        }
    }

    /** Shell words of a documented command: quotes kept together, {@code <...>} placeholders as one word, brackets of optional parts dropped, nothing after a comment, pipe or redirection. */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean word = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'' || c == '"') {
                int end = command.indexOf(c, i + 1);
                if (end < 0) end = command.length();
                w.append(command, i + 1, end);
                word = true;
                i = end;
            } else if (c == '<' && command.indexOf('>', i) > i + 1 && Character.isLetter(command.charAt(i + 1))) {
                int end = command.indexOf('>', i);
                w.append(command, i, end + 1);
                word = true;
                i = end;
            } else if (Character.isWhitespace(c) || c == '[' || c == ']') {
                if (word) out.add(w.toString());
                w.setLength(0);
                word = false;
            } else if ((c == '#' || c == '|' || c == '<' || c == '>' || c == ';' || c == '&') && !word) {
                break;
            } else {
                w.append(c);
                word = true;
            }
        }
        if (word) out.add(w.toString());
        return out;
    }

    static List<Documented> documentedCommands() throws IOException {
        List<Documented> out = new ArrayList<>();
        var commands = Affect4j.commandLine().getSubcommands().keySet();
        try (Stream<Path> scripts = Files.list(ROOT.resolve("bench"))) {
            for (Path f : scripts.filter(p -> p.toString().endsWith(".sh")).sorted().toList()) script(f, commands, out);
        }
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("examples/README.md")));
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.filter(Files::isDirectory).sorted().forEach(m -> {
                for (String name : List.of("README.md", "RESULTS.md")) {
                    if (Files.isRegularFile(m.resolve(name))) docs.add(m.resolve(name));
                }
            });
        }
        for (Path f : docs) if (Files.isRegularFile(f)) markdown(f, out);
        return out;
    }

    /** A bench script's command lines, and those its comments show (a comment's prose may say "affect4j installed": only a command name there starts one). */
    private static void script(Path f, java.util.Set<String> commands, List<Documented> out) throws IOException {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
            boolean comment = lines.get(i).strip().startsWith("#");
            Joined line = Joined.at(lines, i, lines.get(i).replaceFirst("^\\s*#", ""));
            Matcher m = IN_BLOCK.matcher(line.text());
            if (m.find() && (!comment || commands.contains(m.group(1).split("\\s")[0]))) {
                out.add(new Documented(f, i + 1, m.group(1)));
            }
            i = line.last();
        }
    }

    /** A markdown file's command lines: in code blocks, and in inline code elsewhere. */
    private static void markdown(Path f, List<Documented> out) throws IOException {
        List<String> lines = Files.readAllLines(f);
        boolean block = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.strip().startsWith("```")) {
                block = !block;
            } else if (block) {
                Joined line = Joined.at(lines, i, l);
                Matcher m = IN_BLOCK.matcher(line.text());
                if (m.find()) out.add(new Documented(f, i + 1, m.group(1)));
                i = line.last();
            } else {
                Matcher m = INLINE.matcher(l);
                while (m.find()) out.add(new Documented(f, i + 1, m.group(1)));
            }
        }
    }

    /** Line {@code first} (as given) joined with the lines its trailing backslashes continue onto; {@code last}: the index of the last of them. */
    private record Joined(String text, int last) {
        static Joined at(List<String> lines, int first, String text) {
            int i = first;
            while (text.stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
                String s = text.stripTrailing();
                text = s.substring(0, s.length() - 1) + " " + lines.get(++i).strip();
            }
            return new Joined(text, i);
        }
    }
}
