package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Functions of the engine's libtorch that DJL does not expose, called through JNA by their C++ names
 * ({@link TorchMatmul}'s product precision, the fused Adam step of {@code org.affect4j.training.AdamOptimiser}).
 * The names are those of the libtorch this build pins (pytorch-native-cpu in the pom); when {@link #function} fails a
 * caller falls back to DJL's own operations (the Adam step) or refuses in one line (bfloat16 products).
 */
public final class LibTorch {
    private LibTorch() {
    }

    /**
     * The function with this mangled name in the engine's libtorch_cpu (the engine must be started).
     *
     * @throws IllegalStateException when JNA's native part cannot load or the library lacks the symbol
     */
    public static Function function(String symbol) {
        try {
            return NativeLibrary.getInstance(library()).getFunction(symbol);
        } catch (LinkageError e) { // JNA's own native part or the symbol missing: one clear line, not a crash
            throw new IllegalStateException("the PyTorch engine's library has no " + symbol + " (JNA, libtorch): "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@code c10::ArrayRef<at::Tensor>} (an {@code at::TensorList}) passed by value: a pointer to consecutive
     * {@code at::Tensor}s and their count. Each {@code at::Tensor} is one pointer to its {@code TensorImpl}, copied
     * here without touching its reference count, so the arrays must stay open until the call returns.
     */
    public static final class TensorList extends Structure implements Structure.ByValue {
        public Pointer data;
        public long length;

        /** The tensors behind these arrays (empty list: a null pointer and length 0). */
        public TensorList(List<NDArray> arrays) {
            length = arrays.size();
            if (arrays.isEmpty()) return;
            Memory tensors = new Memory(8L * arrays.size());
            for (int i = 0; i < arrays.size(); i++) tensors.setLong(8L * i, impl(arrays.get(i)));
            data = tensors;
        }

        @Override
        protected List<String> getFieldOrder() {
            return List.of("data", "length");
        }
    }

    /**
     * {@code std::optional<at::Tensor>} in memory, for a {@code const&} parameter: the tensor's pointer and the
     * engaged flag after it; {@code null} gives an empty one.
     */
    public static Memory optional(NDArray array) {
        Memory m = new Memory(16);
        m.clear();
        if (array != null) {
            m.setLong(0, impl(array));
            m.setByte(8, (byte) 1);
        }
        return m;
    }

    /** The {@code TensorImpl} pointer of a DJL array: its handle points at a heap {@code at::Tensor}. */
    private static long impl(NDArray array) {
        return new Pointer(((PtNDArray) array).getHandle()).getLong(0);
    }

    /** The engine's libtorch_cpu as mapped into this process (DJL loads it by absolute path from its cache). */
    private static String library() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int at = line.indexOf('/');
                if (at >= 0 && line.endsWith("/libtorch_cpu.so")) return line.substring(at);
            }
        } catch (IOException e) {
            // fall through to the name, which the dynamic linker resolves to the loaded library
        }
        return "torch_cpu";
    }
}
