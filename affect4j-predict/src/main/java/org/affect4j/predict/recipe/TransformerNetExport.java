package org.affect4j.predict.recipe;

import ai.djl.nn.Parameter;
import org.affect4j.models.ExpressionNet;
import org.affect4j.predict.model.TransformerNet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A trained {@link ExpressionNet} with a Transformer encoder, copied into the plain-Java {@link TransformerNet}. */
final class TransformerNetExport {
    private TransformerNetExport() {
    }

    /**
     * Copies the weights of {@code net}.
     *
     * @param net  a trained network: {@code transformer} encoder, a fusion layer, no hidden head layers
     * @param mean the standardisation means its inputs were trained with
     * @param std  the standardisation divisors
     * @throws IllegalArgumentException for any other kind of network
     */
    static TransformerNet of(ExpressionNet net, float[] mean, float[] std) {
        if (!"transformer".equals(net.spec().type()) || net.spec().fusionDim() <= 0 || !net.spec().head().isEmpty()) {
            throw new IllegalArgumentException("only a transformer network with a fusion layer and no hidden head layers"
                    + " can be exported, got " + net.spec());
        }
        Map<String, Parameter> p = new LinkedHashMap<>();
        net.getParameters().forEach(e -> p.put(e.getKey(), e.getValue()));
        int layers = ((Number) net.spec().encoder().get("layers")).intValue();
        int heads = ((Number) net.spec().encoder().get("heads")).intValue();
        List<TransformerNet.Layer> out = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            String l = "02encoder_\\d+layer" + i + "_";
            out.add(new TransformerNet.Layer(dense(p, l + "\\d+attention_\\d+queryProjection"),
                    dense(p, l + "\\d+attention_\\d+keyProjection"), dense(p, l + "\\d+attention_\\d+valueProjection"),
                    dense(p, l + "\\d+attention_\\d+resultProjection"), values(p, l + "\\d+norm1_gamma"),
                    values(p, l + "\\d+norm1_beta"), dense(p, l + "\\d+linear1"), dense(p, l + "\\d+linear2"),
                    values(p, l + "\\d+norm2_gamma"), values(p, l + "\\d+norm2_beta")));
        }
        return new TransformerNet(mean.clone(), std.clone(), dense(p, "01fusion_01Linear"),
                dense(p, "02encoder_\\d+inputProjection"), heads, out, dense(p, "03head_01Linear"));
    }

    private static TransformerNet.Dense dense(Map<String, Parameter> p, String prefix) {
        Parameter w = find(p, prefix + "_weight", true);
        Parameter b = find(p, prefix + "_bias", false);
        long[] shape = w.getArray().getShape().getShape();
        return new TransformerNet.Dense((int) shape[1], (int) shape[0], w.getArray().toFloatArray(),
                b == null ? new float[0] : b.getArray().toFloatArray());
    }

    private static float[] values(Map<String, Parameter> p, String name) {
        return find(p, name, true).getArray().toFloatArray();
    }

    private static Parameter find(Map<String, Parameter> p, String regex, boolean required) {
        Pattern re = Pattern.compile(regex);
        List<String> hits = p.keySet().stream().filter(k -> re.matcher(k).matches()).toList();
        if (hits.size() > 1 || (required && hits.isEmpty())) {
            throw new IllegalStateException("expected one parameter matching " + regex + ", found " + hits);
        }
        return hits.isEmpty() ? null : p.get(hits.get(0));
    }
}
