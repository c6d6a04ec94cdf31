package org.affect4j.util;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.IOException;

/**
 * Why a JSON file affect4j wrote (a model file, a store's descriptors and manifests) could not be read back, said in
 * the file's terms, its keys, instead of the reader's: Jackson's own messages name Java classes ("Cannot construct
 * instance of `org.affect4j.store.FeatureDescriptor`", "Unrecognized field "a" (class ...$Spec), not marked as
 * ignorable"), which mean nothing to whoever holds the file. Config files a user writes go through
 * {@link ConfigReader} instead.
 */
public final class JsonProblems {
    private JsonProblems() {
    }

    /** One line: "not JSON", "JSON that ends early", "unknown key 'k'", "key 'a.b': why", or the first line of another error. */
    public static String describe(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause()) { // also when found inside an object being read
            if (c instanceof JsonEOFException) return "JSON that ends early";
            if (c instanceof JsonParseException) return "not JSON";
        }
        if (!(e instanceof JsonMappingException m)) return firstLine(e.getMessage());
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) key.append(key.length() == 0 ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) key.append('[').append(r.getIndex()).append(']');
        }
        if (m instanceof UnrecognizedPropertyException) return "unknown key '" + key + "'";
        String at = key.length() == 0 ? "" : "key '" + key + "': ";
        // a value the object's own constructor refused: its message says why
        if (m.getCause() != null && m.getCause().getMessage() != null) return at + firstLine(m.getCause().getMessage());
        return at + (key.length() == 0 ? "JSON, but not the object expected" : "not what the file holds there");
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
