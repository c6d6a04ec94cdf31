package org.affect4j.onnx;

import org.affect4j.util.AtomicFiles;
import org.affect4j.util.HashMemo;
import org.affect4j.util.Locations;
import org.affect4j.util.Sha256;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Supplier;

/**
 * ONNX files made from other model files (converted from TensorFlow.js, quantised, rebuilt), made on first use and
 * cached in {@code Locations.models()/converted/} ({@code ~/.cache/affect4j/models/converted} by default). A cached
 * file's name carries the SHA-256 of its sources, the converter's version and a salt (what else shapes the output),
 * so a changed source or converter makes a new file and a stale one is never used. The key of unchanged sources is
 * remembered ({@link HashMemo}), so a start costs a file check, not a hash. Files are written atomically: concurrent
 * first uses from several processes are safe (last rename wins, same content).
 */
public final class ConversionCache {
    private ConversionCache() {
    }

    /** Folder of the cache. */
    public static Path dir() {
        return Locations.models().resolve("converted");
    }

    /**
     * The cached file {@code STEM-<key>.onnx}, made by {@code convert} when absent.
     *
     * @param stem    the file name's start
     * @param sources the files the conversion reads
     * @param version the converter's version (bumped whenever its output changes)
     * @param salt    anything else the output depends on
     * @param convert makes the ONNX bytes
     * @throws IllegalArgumentException if a source does not exist
     */
    public static Path cached(String stem, List<Path> sources, String version, String salt, Supplier<byte[]> convert) {
        sources.forEach(ConversionCache::requireFile);
        String key = HashMemo.models().get("conversion key|" + version + "|" + salt, sources,
                () -> hash(sources, version, salt)).substring(0, 16);
        Path target = dir().resolve(stem + "-" + key + ".onnx");
        if (!Files.isRegularFile(target)) {
            byte[] onnx = convert.get();
            AtomicFiles.write(target, out -> out.write(onnx));
        }
        return target;
    }

    /**
     * Checks that a conversion's source exists.
     *
     * @throws IllegalArgumentException naming it when it does not
     */
    public static void requireFile(Path p) {
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("model file " + p + " does not exist");
    }

    private static String hash(List<Path> sources, String version, String salt) {
        MessageDigest md = Sha256.digest();
        md.update(("affect4j-converter-" + version + "|" + salt).getBytes(StandardCharsets.UTF_8));
        for (Path p : sources) {
            md.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            Sha256.update(md, p);
        }
        return Sha256.hex(md);
    }
}
