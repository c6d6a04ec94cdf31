package org.affect4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An Aff-Wild2 EXPR annotation tree and its media:
 * <pre>
 * ROOT/EXPR_Classification_Challenge/Train_Set/NAME.txt   (or ROOT/Train_Set/NAME.txt)
 * ROOT/EXPR_Classification_Challenge/Validation_Set/NAME.txt
 * MEDIA/VIDEO.{mp4,avi,...}        NAME = VIDEO, VIDEO_left or VIDEO_right
 * CROPS/NAME/00001.jpg ...         (cropped_aligned)
 * </pre>
 * Only file lookup happens here; labels are read on demand with {@link ExprAnnotations#read}, one video at a
 * time. Frame counts and rates come from the media (or the crops), never from this class.
 */
public final class ExprCorpus {
    /** The two labelled splits of the challenge. */
    public static final List<String> SPLITS = List.of("Train_Set", "Validation_Set");
    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "avi", "mkv", "mov", "webm", "flv", "m4v", "wav", "mp3", "flac");

    private final List<AnnotatedVideo> videos;

    private ExprCorpus(List<AnnotatedVideo> videos) {
        this.videos = List.copyOf(videos);
    }

    /**
     * Scans an annotation tree.
     *
     * @param annotations folder holding {@code Train_Set/} and/or {@code Validation_Set/} (or its parent holding
     *                    {@code EXPR_Classification_Challenge/})
     * @param media       folder searched recursively for {@code <video>.<ext>}; may be null
     * @param crops       the {@code cropped_aligned} folder; may be null
     * @throws DataFormatException if no split folder with annotation files is found
     */
    public static ExprCorpus scan(Path annotations, Path media, Path crops) {
        Path base = annotations;
        if (Files.isDirectory(base.resolve("EXPR_Classification_Challenge"))) {
            base = base.resolve("EXPR_Classification_Challenge");
        }
        Map<String, Path> mediaById = media == null ? Map.of() : indexMedia(media);
        List<AnnotatedVideo> out = new ArrayList<>();
        for (String split : SPLITS) {
            Path dir = base.resolve(split);
            if (!Files.isDirectory(dir)) continue;
            for (Path f : list(dir)) {
                String fn = f.getFileName().toString();
                if (!fn.endsWith(".txt")) continue;
                out.add(video(fn.substring(0, fn.length() - 4), split, f, mediaById, crops));
            }
        }
        if (out.isEmpty()) {
            throw new DataFormatException(annotations, "holds no annotation files under " + String.join(" or ", SPLITS));
        }
        return new ExprCorpus(out);
    }

    /**
     * Entries without annotations, such as the challenge's test list ({@code VIDEO}, {@code VIDEO_left},
     * {@code VIDEO_right}), with their media and crops looked up as {@link #scan} does.
     *
     * @param split a name for the list, e.g. {@code Test_Set}
     * @param media folder searched recursively for {@code <video>.<ext>}; may be null
     * @param crops the {@code cropped_aligned} folder; may be null
     */
    public static List<AnnotatedVideo> unlabelled(List<String> names, String split, Path media, Path crops) {
        Map<String, Path> mediaById = media == null ? Map.of() : indexMedia(media);
        return names.stream().map(n -> video(n, split, null, mediaById, crops)).toList();
    }

    private static AnnotatedVideo video(String name, String split, Path file, Map<String, Path> media, Path crops) {
        String[] p = AnnotatedVideo.parseName(name);
        Optional<Path> cropDir = crops == null ? Optional.empty()
                : Optional.of(crops.resolve(name)).filter(Files::isDirectory);
        return new AnnotatedVideo(name, p[0], AnnotatedVideo.Side.valueOf(p[1]), split, file,
                Optional.ofNullable(media.get(p[0])), cropDir);
    }

    private static Map<String, Path> indexMedia(Path media) {
        Map<String, Path> byId = new HashMap<>();
        try (Stream<Path> s = Files.walk(media)) {
            s.filter(Files::isRegularFile).sorted().forEach(f -> {
                String n = f.getFileName().toString();
                int dot = n.lastIndexOf('.');
                if (dot > 0 && VIDEO_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                    // a video file beats an audio-only file of the same id
                    byId.merge(n.substring(0, dot), f, (a, b) -> isAudio(a) ? b : a);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan media folder " + media + ": " + e.getMessage(), e);
        }
        return byId;
    }

    private static boolean isAudio(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".mp3") || n.endsWith(".flac");
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** All annotation files, train then validation, each in name order. */
    public List<AnnotatedVideo> videos() {
        return videos;
    }

    /** The annotation files of one split. */
    public List<AnnotatedVideo> split(String split) {
        return videos.stream().filter(v -> v.split().equals(split)).toList();
    }

    /** Annotation names of the split. */
    public List<String> names(String split) {
        return split(split).stream().map(AnnotatedVideo::name).toList();
    }
}
