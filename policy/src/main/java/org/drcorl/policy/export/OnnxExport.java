package org.drcorl.policy.export;

import static org.drcorl.policy.export.OnnxSchema.FLOAT;
import static org.drcorl.policy.export.OnnxSchema.of;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.drcorl.policy.MlpPolicy;

/**
 * A policy as an ONNX model (IR version 7, opset 13, standard operators only): input
 * {@code observation} [batch, obs] float32, output {@code action} [batch, act]; one {@code Gemm}
 * per layer (weights stored (in, out), so no transposition), {@code Relu} between layers,
 * {@code Tanh} on the output; the spec as metadata properties. Encoded by protobuf-java from
 * the schema in {@link OnnxSchema}.
 */
public final class OnnxExport {
    private OnnxExport() {}

    /** IR version 7 and opset 13: read by every ONNX Runtime since 1.6 and by Debian 12's onnx 1.12. */
    public static final long IR_VERSION = 7, OPSET = 13;
    public static final String INPUT = "observation", OUTPUT = "action";

    /**
     * The model's bytes.
     *
     * @param metadata key/value facts stored in the model (task, κ, normalization...)
     */
    public static byte[] model(MlpPolicy policy, String name, Map<String, String> metadata) {
        int[] sizes = policy.sizes();
        int layers = sizes.length - 1;
        OnnxSchema.Message graph = of(OnnxSchema.GRAPH).set("name", name)
                .add("input", valueInfo(INPUT, sizes[0])).add("output", valueInfo(OUTPUT, sizes[layers]));
        String x = INPUT;
        for (int l = 0; l < layers; l++) {
            String w = "layer" + l + ".weight", b = "layer" + l + ".bias", y = "layer" + l + ".linear";
            graph.add("initializer", tensor(w, new long[] {sizes[l], sizes[l + 1]}, policy.weights(l)));
            graph.add("initializer", tensor(b, new long[] {sizes[l + 1]}, policy.biases(l)));
            graph.add("node", node("Gemm", "layer" + l, y, x, w, b)); // y = x·W + b
            boolean last = l == layers - 1;
            String out = last ? OUTPUT : "layer" + l + ".relu";
            if (last && !policy.tanhOutput()) {
                graph.add("node", node("Identity", "output", out, y));
            } else {
                graph.add("node", node(last ? "Tanh" : "Relu", last ? "squash" : "relu" + l, out, y));
            }
            x = out;
        }
        OnnxSchema.Message model = of(OnnxSchema.MODEL).set("ir_version", IR_VERSION).set("producer_name", "drcorl")
                .set("producer_version", version()).set("graph", graph)
                .add("opset_import", of(OnnxSchema.OPSET).set("domain", "").set("version", OPSET))
                .set("doc_string", "drcorl policy: action = " + (policy.tanhOutput() ? "tanh" : "identity")
                        + "(MLP(observation)), ReLU between layers " + java.util.Arrays.toString(sizes));
        metadata.forEach((k, v) -> model.add("metadata_props", of(OnnxSchema.ENTRY).set("key", k).set("value", v)));
        return model.build().toByteArray();
    }

    private static OnnxSchema.Message valueInfo(String name, int width) {
        OnnxSchema.Message shape = of(OnnxSchema.SHAPE).add("dim", of(OnnxSchema.DIM).set("dim_param", "batch"))
                .add("dim", of(OnnxSchema.DIM).set("dim_value", (long) width));
        return of(OnnxSchema.VALUE_INFO).set("name", name).set("type", of(OnnxSchema.TYPE)
                .set("tensor_type", of(OnnxSchema.TENSOR_TYPE).set("elem_type", FLOAT).set("shape", shape)));
    }

    private static OnnxSchema.Message tensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN); // raw_data is little-endian
        raw.asFloatBuffer().put(values);
        OnnxSchema.Message t = of(OnnxSchema.TENSOR).set("name", name).set("data_type", FLOAT)
                .set("raw_data", ByteString.copyFrom(raw.array()));
        for (long d : dims) t.add("dims", d);
        return t;
    }

    private static OnnxSchema.Message node(String op, String name, String output, String... inputs) {
        OnnxSchema.Message n = of(OnnxSchema.NODE).set("op_type", op).set("name", name).add("output", output);
        for (String in : inputs) n.add("input", in);
        return n;
    }

    static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
