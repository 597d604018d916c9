package org.drcorl.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.NormalizationConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written here must read in h5py as DSRL's do, and DSRL's files (as h5py writes them) here. */
class H5pyInteropTest {

    @TempDir
    Path dir;

    @Test
    void h5pyReadsWhatJavaWrites() throws Exception {
        H5py.require();
        OfflineDataset d = Datasets.sample(4, true);
        Path file = dir.resolve("java.hdf5");
        DsrlHdf5Writer.write(d, file);
        List<String> lines = H5py.run("""
                import sys, h5py, numpy as np
                f = h5py.File(sys.argv[1], 'r')
                for k in ['observations', 'next_observations', 'actions', 'rewards', 'costs', 'terminals', 'timeouts']:
                    print(k, f[k].shape, f[k].dtype, f[k].compression)
                print('obs5', f['observations'][5].tolist())
                print('act5', f['actions'][5].tolist())
                print('rewards_sum', float(np.sum(f['rewards'][:])))
                print('episode_ends', np.nonzero(np.logical_or(f['terminals'][:], f['timeouts'][:]))[0].tolist())
                print('terminal_rows', np.where(f['terminals'][:] == 1)[0].tolist())
                print('labels', [s.decode() if isinstance(s, bytes) else s for s in f['episode_labels'][:]])
                a = f.attrs
                def s(v): return v.decode() if isinstance(v, bytes) else str(v)
                print('attrs', s(a['task_id']), float(a['reward_min']), float(a['reward_max']), float(a['cost_max']),
                      int(a['max_episode_steps']), int(a['format_version']), s(a['collector']))
                """, file.toString());
        assertEquals(List.of(
                "observations (18, 3) float32 gzip",
                "next_observations (18, 3) float32 gzip",
                "actions (18, 2) float32 gzip",
                "rewards (18,) float32 gzip",
                "costs (18,) float32 gzip",
                "terminals (18,) float32 gzip",
                "timeouts (18,) float32 gzip",
                "obs5 [1.0, 2.0, 3.0]",
                "act5 [0.20000000298023224, -0.10000000149011612]",
                "rewards_sum " + (3 * 1 + 4 * 2 + 5 * 3 + 6 * 4) + ".0",
                "episode_ends [2, 6, 11, 17]",
                "terminal_rows [2, 11]",
                "labels ['policy-0', 'policy-1', 'policy-2', 'policy-0']",
                "attrs OfflineTest-v0 1.5 250.25 80.0 300 1 unit test"), lines);
    }

    @Test
    void javaReadsWhatDsrlWritesWithH5py() throws Exception {
        H5py.require();
        Path file = dir.resolve("dsrl.hdf5");
        // As DSRL stores its datasets: gzip, float32 arrays, numpy bool flags, here costs as [N, 1]
        // and float64 actions to exercise the conversions.
        H5py.run("""
                import sys, h5py, numpy as np
                n = 10
                obs = np.arange(n * 4, dtype=np.float32).reshape(n, 4) / 4
                with h5py.File(sys.argv[1], 'w') as f:
                    f.create_dataset('observations', data=obs, compression='gzip')
                    f.create_dataset('next_observations', data=obs + 1, compression='gzip')
                    f.create_dataset('actions', data=np.linspace(-1, 1, n * 2).reshape(n, 2), compression='gzip')
                    f.create_dataset('rewards', data=np.arange(n, dtype=np.float32), compression='gzip')
                    f.create_dataset('costs', data=(np.arange(n) % 3 == 0).astype(np.float32).reshape(n, 1), compression='gzip')
                    t = np.zeros(n, dtype=bool); t[3] = True
                    o = np.zeros(n, dtype=bool); o[7] = True
                    f.create_dataset('terminals', data=t, compression='gzip')
                    f.create_dataset('timeouts', data=o, compression='gzip')
                    f.attrs['task_id'] = 'OfflineCarCircle-v0'
                    f.attrs['max_episode_steps'] = np.int64(300)
                    f.attrs['note'] = 'from h5py'
                """, file.toString());
        OfflineDataset d = DsrlHdf5Reader.read(file);
        assertEquals(10, d.size());
        assertEquals(4, d.obsDim());
        assertEquals(2, d.actDim());
        assertArrayEquals(new float[] {3, 3.25f, 3.5f, 3.75f}, d.observation(3));
        assertArrayEquals(new float[] {4, 4.25f, 4.5f, 4.75f}, d.nextObservation(3));
        assertArrayEquals(new float[] {-1f, (float) (-1 + 2.0 / 19)}, d.action(0));
        assertEquals(List.of(4, 4, 2), d.episodes().stream().map(EpisodeInfo::length).toList());
        assertArrayEquals(new double[] {0 + 1 + 2 + 3, 4 + 5 + 6 + 7, 8 + 9}, d.episodeRewardReturns());
        assertArrayEquals(new double[] {2, 1, 1}, d.episodeCostReturns());   // costs at rows 0, 3, 6, 9
        assertFalse(d.episode(0).truncated());
        assertTrue(d.episode(1).truncated());
        assertTrue(d.episode(2).truncated(), "the trailing run is a truncated episode");
        assertEquals("OfflineCarCircle-v0", d.taskId().orElseThrow());
        assertEquals(300, d.metadata().maxEpisodeSteps());
        assertEquals("from h5py", d.metadata().attributes().get("note"));
        assertTrue(d.normalization().isEmpty());
        assertTrue(d.episodeLabels().isEmpty());
        // DSRL's own constants for the named task, from the one place they are defined.
        NormalizationConstants dsrl = DsrlTasks.find(d.taskId().orElseThrow()).orElseThrow().normalization();
        assertEquals(3.4844, dsrl.rewardMin());
        // The validator flags the dimension mismatch against the task the file names.
        assertEquals(List.of("observations have 4 values, task OfflineCarCircle-v0 has 8"),
                DatasetValidator.validate(d));
    }

    /** Files h5py writes but that hold no data: each named for what it is, not "must be numeric". */
    @Test
    void emptyAndNeverWrittenFilesSaySo() throws Exception {
        H5py.require();
        Path zero = dir.resolve("zero.hdf5"), unwritten = dir.resolve("unwritten.hdf5");
        H5py.run("""
                import sys, h5py, numpy as np
                for name, n in ((sys.argv[1], 0), (sys.argv[2], 50)):
                    with h5py.File(name, 'w') as f:
                        for k, width in (('observations', 3), ('next_observations', 3), ('actions', 2)):
                            if n == 0: f.create_dataset(k, data=np.zeros((0, width), np.float32))
                            else: f.create_dataset(k, shape=(n, width), dtype=np.float32)  # never written
                        for k in ('rewards', 'costs', 'terminals', 'timeouts'):
                            if n == 0: f.create_dataset(k, data=np.zeros(0, np.float32))
                            else: f.create_dataset(k, shape=(n,), dtype=np.float32)
                """, zero.toString(), unwritten.toString());
        DatasetException empty = assertThrows(DatasetException.class, () -> DsrlHdf5Reader.read(zero));
        assertEquals(zero + ": the file holds no transitions ('observations' has 0 rows)", empty.getMessage());
        DatasetException never = assertThrows(DatasetException.class, () -> DsrlHdf5Reader.read(unwritten));
        assertEquals(unwritten + ": dataset 'observations' holds no data (created but never written?)", never.getMessage());
    }
}
