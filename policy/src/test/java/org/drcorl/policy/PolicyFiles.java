package org.drcorl.policy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test policies: random networks, and saved pairs written in drcorl's checkpoint format. */
public final class PolicyFiles {
    private PolicyFiles() {}

    public static MlpPolicy random(int[] sizes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] w = new float[sizes.length - 1][], b = new float[sizes.length - 1][];
        for (int l = 0; l + 1 < sizes.length; l++) {
            w[l] = new float[sizes[l] * sizes[l + 1]];
            b[l] = new float[sizes[l + 1]];
            double scale = 1.5 / Math.sqrt(sizes[l]);
            for (int i = 0; i < w[l].length; i++) w[l][i] = (float) ((r.nextDouble() * 2 - 1) * scale);
            for (int i = 0; i < b[l].length; i++) b[l][i] = (float) ((r.nextDouble() * 2 - 1) * 0.1);
        }
        return MlpPolicy.of(sizes, w, b, true);
    }

    /**
     * Writes {@code dir/NAME.json} + {@code NAME.weights} as drcorl's Checkpoints does (big-endian
     * float32, tensors "0/pi.L.weight|bias"); with {@code shapes} false, as versions before the
     * shapes were recorded did.
     */
    public static Path save(Path dir, String name, MlpPolicy p, boolean shapes, String extraConfig) throws IOException {
        Files.createDirectories(dir);
        int[] sizes = p.sizes();
        List<String> tensors = new ArrayList<>(), shapeList = new ArrayList<>();
        long values = 0;
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(name + ".weights")))) {
            for (int l = 0; l + 1 < sizes.length; l++) {
                for (float v : p.weights(l)) out.writeFloat(v);
                for (float v : p.biases(l)) out.writeFloat(v);
                tensors.add("\"0/pi." + l + ".weight\"");
                tensors.add("\"0/pi." + l + ".bias\"");
                shapeList.add("[" + sizes[l] + "," + sizes[l + 1] + "]");
                shapeList.add("[" + sizes[l + 1] + "]");
                values += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
            }
        }
        String json = "{\"format\":1,\"kind\":\"policy\",\"taskId\":\"Push-v0\",\"observationDim\":" + sizes[0]
                + ",\"actionDim\":" + sizes[sizes.length - 1] + ",\"seed\":3,\"steps\":100,\"dataHash\":\"abc\","
                + "\"config\":{\"algorithm\":\"drcorl\",\"threshold\":\"20.0\",\"hidden\":\"" + sizes[1] + "\"" + extraConfig + "},"
                + "\"tensors\":" + tensors + ",\"values\":" + values
                + (shapes ? ",\"shapes\":" + shapeList : "") + "}";
        return Files.writeString(dir.resolve(name + ".json"), json);
    }

    /** A random policy of {@code sizes} saved as {@code dir/seed-3.*} for Push-v0, κ 20, with every recorded fact. */
    public static Path savedPolicy(Path dir, int[] sizes, long seed) throws IOException {
        return save(dir, "seed-3", random(sizes, seed), true, ",\"result.selected-step\":\"1499\","
                + "\"result.action-low\":\"[-1.0, -1.0]\",\"result.action-high\":\"[1.0, 1.0]\","
                + "\"result.reward-min\":\"134.5\",\"result.reward-max\":\"399.8\",\"result.cost-max\":\"129.0\"");
    }
}
