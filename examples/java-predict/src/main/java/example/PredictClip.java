package example;

import org.affect4j.predict.ExpressionRecognizer;
import org.affect4j.predict.ExpressionTrack;

import java.nio.file.Path;

/** Prints the expression of every frame of a video: frame, time in seconds, label. */
public class PredictClip {
    public static void main(String[] args) throws Exception {
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().threads(2).build()) {
            ExpressionTrack t = r.predict(Path.of(args.length > 0 ? args[0] : "../1001_DFA_HAP_XX.flv"));
            t.stream().forEach(f -> System.out.printf("%d,%.3f,%s%n", f.index() + 1, f.timeSeconds(), f.labelName()));
        }
    }
}
