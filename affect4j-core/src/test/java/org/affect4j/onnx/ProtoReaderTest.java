package org.affect4j.onnx;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Packed repeated varints (how other exporters write tensor shapes) read back as the values written. */
class ProtoReaderTest {
    @Test
    void packedVarintsReadBackAndTruncationIsRefused() {
        // 1, 300 (two bytes: 0xAC 0x02), 7, and a 64-bit value
        byte[] packed = {0x01, (byte) 0xAC, 0x02, 0x07, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10};
        assertArrayEquals(new long[] {1, 300, 7, 1L << 32}, ProtoReader.packedVarints(packed));
        assertArrayEquals(new long[0], ProtoReader.packedVarints(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ProtoReader.packedVarints(new byte[] {0x05, (byte) 0x80}));
    }
}
