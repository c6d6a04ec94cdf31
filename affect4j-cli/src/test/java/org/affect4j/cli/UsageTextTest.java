package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every command's help reads as one vocabulary: an option's value is named in capitals (DIR, FILE, N, NAME...), not
 * by picocli's default of the Java field ({@code --out=<out>}, {@code --crops-dir=<cropsDir>}); and a description is
 * made of whole paragraphs, which picocli wraps to the terminal, not of lines broken by hand at some other width (which
 * came out ragged at 80 columns, one sentence cut over three lines).
 */
class UsageTextTest {
    @Test
    void valuesAreNamedInCapitalsAndDescriptionsAreWholeParagraphs() {
        List<String> wrong = new ArrayList<>();
        walk(Affect4j.commandLine(), wrong);
        assertEquals("", String.join("\n", wrong));
    }

    private static void walk(CommandLine cl, List<String> wrong) {
        CommandSpec s = cl.getCommandSpec();
        String name = s.qualifiedName();
        paragraphs(name, s.usageMessage().description(), wrong);
        for (OptionSpec o : s.options()) {
            if (o.arity().max() > 0 && !o.paramLabel().matches("[A-Z][A-Z0-9_|=,.\\[\\]@]*")) {
                wrong.add(name + " " + o.longestName() + ": value named " + o.paramLabel() + "; give it a paramLabel in capitals");
            }
            paragraphs(name + " " + o.longestName(), o.description(), wrong);
        }
        for (PositionalParamSpec p : s.positionalParameters()) paragraphs(name + " " + p.paramLabel(), p.description(), wrong);
        for (CommandLine sub : cl.getSubcommands().values()) walk(sub, wrong);
    }

    /** Each element but the last must end a sentence, a list or a synopsis line, or be a blank separator. */
    private static void paragraphs(String where, String[] description, List<String> wrong) {
        for (int i = 0; i + 1 < description.length; i++) {
            String line = description[i].strip();
            if (!line.isEmpty() && !line.matches("(?s).*[.:)\\]]")) {
                wrong.add(where + ": description line " + i + " is cut mid-sentence (..." + line.substring(Math.max(0, line.length() - 30))
                        + "); make it one string and let picocli wrap it");
            }
        }
    }
}
