package org.drcorl.policy.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.drcorl.policy.PolicyFiles;
import org.drcorl.policy.TrainedPolicy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported policies act as the Java policy does: ONNX checked by ONNX Runtime (and by the onnx
 * package's checker where Debian's python3-onnx is installed, as in CI), npz by numpy.
 */
class PolicyExportTest {
    @TempDir
    Path tmp;

    private TrainedPolicy policy;
    private float[][] observations;

    @BeforeEach
    void aPolicyAndObservations() throws Exception {
        Path json = PolicyFiles.savedPolicy(tmp.resolve("saved"), new int[] {8, 64, 64, 2}, 11);
        policy = TrainedPolicy.load(json);
        SplittableRandom r = new SplittableRandom(5);
        observations = new float[1000][8];
        for (float[] o : observations) for (int i = 0; i < o.length; i++) o[i] = (float) (r.nextGaussian() * 2);
    }

    @Test
    void onnxRuntimeGivesTheJavaPolicysActions() throws Exception {
        Path file = tmp.resolve("out/policy.onnx");
        PolicyExport.write(policy, PolicyExport.Format.ONNX, file);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, observations);
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            float[][] actions = (float[][]) result.get(OnnxExport.OUTPUT).orElseThrow().getValue();
            double worst = 0;
            for (int k = 0; k < observations.length; k++) {
                float[] expected = policy.act(observations[k]);
                for (int j = 0; j < expected.length; j++) worst = Math.max(worst, Math.abs(expected[j] - actions[k][j]));
            }
            assertTrue(worst <= 1e-5, "largest difference " + worst);
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals("Push-v0", meta.get("task"));
            assertEquals("20.0", meta.get("kappa"));
            assertTrue(meta.get("normalization").startsWith("dsrl: reward_min=134.5"), meta.toString());
            assertEquals(List.of("observation"), List.copyOf(session.getInputNames()));
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of("policy.onnx"), files.map(p -> p.getFileName().toString()).toList(), "no temporary left");
        }
    }

    @Test
    void theOnnxCheckerAcceptsTheModel() throws Exception {
        Path file = tmp.resolve("policy.onnx");
        PolicyExport.write(policy, PolicyExport.Format.ONNX, file);
        String out = python("import onnx, sys\nm = onnx.load(sys.argv[1])\nonnx.checker.check_model(m, full_check=True)\n"
                + "print('ok', m.ir_version, m.opset_import[0].version, [n.op_type for n in m.graph.node])", "onnx", file);
        assertEquals("ok 7 13 ['Gemm', 'Relu', 'Gemm', 'Relu', 'Gemm', 'Tanh']", out);
    }

    @Test
    void numpyComputesTheSameActionsFromTheNpz() throws Exception {
        Path file = tmp.resolve("policy.npz");
        PolicyExport.write(policy, PolicyExport.Format.NPZ, file);
        Path obs = tmp.resolve("obs.txt");
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 50; k++) {
            for (float v : observations[k]) text.append(v).append(' ');
            text.append('\n');
        }
        Files.writeString(obs, text);
        String out = python("""
                import sys, json, numpy as np
                a = np.load(sys.argv[1])
                x = np.loadtxt(sys.argv[2], dtype=np.float32)
                n = len(a['sizes']) - 1
                for l in range(n):
                    x = x @ a['W%d' % l] + a['b%d' % l]
                    x = np.maximum(x, 0) if l < n - 1 else np.tanh(x)
                spec = json.loads(a['spec_json'].item())
                print(spec['task'], bool(a['tanh_output']), ' '.join('%.7f' % v for v in x.ravel()))
                """, "numpy", file, obs);
        String[] parts = out.split(" ");
        assertEquals("Push-v0", parts[0]);
        assertEquals("True", parts[1]);
        for (int k = 0; k < 50; k++) {
            float[] expected = policy.act(observations[k]);
            for (int j = 0; j < 2; j++) assertEquals(expected[j], Double.parseDouble(parts[2 + 2 * k + j]), 1e-5);
        }
    }

    /** Runs a script with Debian's python3; skipped (with the reason) where it or the module is missing. */
    private static String python(String script, String module, Path... args) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3: skipped");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import " + module).redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3 module '" + module + "' missing (apt-get install python3-" + module + "): skipped");
        List<String> command = new java.util.ArrayList<>(List.of(python.toString(), "-c", script));
        for (Path a : args) command.add(a.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
