import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.affect4j.features.visual.VisualExtractors;
import org.affect4j.onnx.OnnxGraphBuilder;
import org.affect4j.onnx.OnnxModel;
import org.affect4j.util.Vectors;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Why {@code faceres-int8} is static QDQ and not dynamic quantisation (issue 19): rewrites the QDQ graph of
 * {@code faceres-int8} into ONNX's dynamic form (each convolution's input quantised at run time by
 * {@code DynamicQuantizeLinear}, {@code ConvInteger} on the same int8 weights shifted to uint8, as ONNX Runtime's CPU
 * {@code ConvInteger} takes uint8 weights only, then the scales and bias in float) and times float, QDQ and dynamic
 * on one 224x224 input, 2 intra-op threads, one image a run, rounds alternating, process CPU time:
 * <pre>java -cp "affect4j-cli/target/lib/*" bench/java/FaceresDynamicInt8.java [ROUNDS] [RUNS]</pre>
 * The input is a fixed synthetic image (a smooth gradient plus noise): the kernels' speed does not depend on it.
 */
public class FaceresDynamicInt8 {
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        byte[] fp32 = Files.readAllBytes(VisualExtractors.preset("faceres").model());
        byte[] qdq = Files.readAllBytes(VisualExtractors.preset("faceres-int8").model());
        byte[] dynamic = dynamic(OnnxModel.read(qdq));
        String[] names = {"float", "QDQ (faceres-int8)", "dynamic"};
        byte[][] models = {fp32, qdq, dynamic};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession[] sessions = new OrtSession[models.length];
        for (int i = 0; i < models.length; i++) {
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(2);
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            sessions[i] = env.createSession(models[i], o);
        }
        Random r = new Random(1);
        float[] x = new float[224 * 224 * 3];
        for (int i = 0; i < x.length; i++) x[i] = 128 + 60 * (float) Math.sin(i * 0.001) + r.nextInt(40);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[][] ms = new double[models.length][rounds];
        float[][] out = new float[models.length][];
        for (int round = -1; round < rounds; round++) { // round -1 warms up
            for (int k = 0; k < models.length; k++) {
                int m = Math.floorMod(round, 2) == 0 ? k : models.length - 1 - k;
                long cpu = os.getProcessCpuTime();
                for (int i = 0; i < runs; i++) {
                    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 224, 224, 3});
                         OrtSession.Result res = sessions[m].run(Map.of("input_1", t))) {
                        FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                        out[m] = new float[fb.remaining()];
                        fb.get(out[m]);
                    }
                }
                if (round >= 0) ms[m][round] = (os.getProcessCpuTime() - cpu) / 1e6 / runs;
            }
        }
        System.out.printf("onnxruntime %s, load %s%n", env.getVersion(), Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        for (int m = 0; m < models.length; m++) {
            double[] v = ms[m].clone();
            Arrays.sort(v);
            System.out.printf("%-19s CPU-ms per image, median of %d rounds of %d: %.2f (min %.2f, max %.2f); cosine to float %.4f%n",
                    names[m], rounds, runs, v[rounds / 2], v[0], v[rounds - 1], Vectors.cosine(out[0], out[m]));
        }
    }

    /** The QDQ graph with every quantised convolution in dynamic form. */
    static byte[] dynamic(OnnxModel m) {
        Map<String, OnnxModel.Tensor> inits = m.initializers();
        List<OnnxModel.Node> out = new ArrayList<>();
        int k = 0;
        for (OnnxModel.Node n : m.nodes()) {
            if (n.opType().equals("QuantizeLinear") || n.opType().equals("DequantizeLinear")) continue;
            if (!n.opType().equals("Conv")) {
                out.add(n.withInputs(n.inputs().stream().map(FaceresDynamicInt8::undq).toList()));
                continue;
            }
            String x = undq(n.inputs().get(0));
            String w = undq(n.inputs().get(1));
            String b = undq(n.inputs().get(2));
            OnnxModel.Tensor wq = inits.get(w + "_q");
            int c = (int) wq.dims()[0];
            String p = "dynamic" + k++;
            byte[] u = wq.raw().clone();
            for (int i = 0; i < u.length; i++) u[i] = (byte) (u[i] + 128); // int8 -> uint8 around zero point 128
            inits.put(p + "_w", new OnnxModel.Tensor(p + "_w", wq.dims(), OnnxGraphBuilder.UINT8, u));
            inits.put(p + "_wzp", new OnnxModel.Tensor(p + "_wzp", new long[0], OnnxGraphBuilder.UINT8, new byte[] {(byte) 128}));
            inits.put(p + "_ws", OnnxModel.Tensor.ofFloats(p + "_ws", new long[] {c, 1, 1}, inits.get(w + "_scale").floats()));
            IntBuffer bq = ByteBuffer.wrap(inits.get(b + "_q").raw()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            float[] bs = inits.get(b + "_scale").floats();
            float[] bias = new float[c];
            for (int i = 0; i < c; i++) bias[i] = bq.get(i) * bs[i];
            inits.put(p + "_b", OnnxModel.Tensor.ofFloats(p + "_b", new long[] {c, 1, 1}, bias));
            out.add(node("DynamicQuantizeLinear", List.of(x), List.of(p + "_xq", p + "_xs", p + "_xzp")));
            out.add(new OnnxModel.Node("ConvInteger", List.of(p + "_xq", p + "_w", p + "_xzp", p + "_wzp"),
                    List.of(p + "_yi"), "", n.attributes()));
            out.add(new OnnxModel.Node("Cast", List.of(p + "_yi"), List.of(p + "_yf"), "",
                    List.of(OnnxGraphBuilder.intAttribute("to", OnnxGraphBuilder.FLOAT))));
            out.add(node("Mul", List.of(p + "_xs", p + "_ws"), List.of(p + "_s")));
            out.add(node("Mul", List.of(p + "_yf", p + "_s"), List.of(p + "_ys")));
            out.add(node("Add", List.of(p + "_ys", p + "_b"), n.outputs()));
        }
        Set<String> used = new HashSet<>();
        out.forEach(n -> used.addAll(n.inputs()));
        inits.keySet().retainAll(used);
        return m.with(out, inits).toBytes("FaceresDynamicInt8", "1");
    }

    private static String undq(String name) {
        return name.replaceFirst("_dq$", "");
    }

    private static OnnxModel.Node node(String op, List<String> in, List<String> out) {
        return new OnnxModel.Node(op, in, out, "", List.of());
    }
}
