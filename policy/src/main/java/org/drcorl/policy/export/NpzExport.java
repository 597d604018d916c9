package org.drcorl.policy.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.drcorl.policy.MlpPolicy;

/**
 * A policy as numpy's {@code .npz} (a zip of {@code .npy} arrays, format version 1.0): for each
 * layer {@code l}, {@code W{l}} (in, out) and {@code b{l}} (out,) as little-endian float32;
 * {@code sizes} (int64) and {@code tanh_output} (bool); {@code spec_json}, a 0-d unicode array
 * with the policy's spec. In numpy: {@code a = np.tanh(relu(relu(x @ W0 + b0) @ W1 + b1) @ W2 + b2)}.
 */
public final class NpzExport {
    private NpzExport() {}

    public static byte[] archive(MlpPolicy policy, String specJson) {
        int[] sizes = policy.sizes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int l = 0; l + 1 < sizes.length; l++) {
                entry(zip, "W" + l, "<f4", "(" + sizes[l] + ", " + sizes[l + 1] + ")", floats(policy.weights(l)));
                entry(zip, "b" + l, "<f4", "(" + sizes[l + 1] + ",)", floats(policy.biases(l)));
            }
            ByteBuffer s = ByteBuffer.allocate(8 * sizes.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : sizes) s.putLong(v);
            entry(zip, "sizes", "<i8", "(" + sizes.length + ",)", s.array());
            entry(zip, "tanh_output", "|b1", "()", new byte[] {(byte) (policy.tanhOutput() ? 1 : 0)});
            int[] codePoints = specJson.codePoints().toArray();
            ByteBuffer text = ByteBuffer.allocate(4 * codePoints.length).order(ByteOrder.LITTLE_ENDIAN); // UTF-32LE
            for (int c : codePoints) text.putInt(c);
            entry(zip, "spec_json", "<U" + Math.max(1, codePoints.length), "()",
                    codePoints.length == 0 ? new byte[4] : text.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** One {@code NAME.npy}: magic, version 1.0, a header dict padded to a multiple of 64 bytes, the data. */
    private static void entry(ZipOutputStream zip, String name, String descr, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        zip.write(new byte[] {(byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
        zip.write(header.getBytes(StandardCharsets.US_ASCII));
        zip.write(data);
        zip.closeEntry();
    }
}
