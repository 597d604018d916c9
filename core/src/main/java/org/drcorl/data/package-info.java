/**
 * Offline datasets: the in-memory {@link org.drcorl.data.OfflineDataset} (columnar arrays and an
 * episode index), reading and writing DSRL's HDF5 layout ({@link org.drcorl.data.DsrlHdf5Reader},
 * {@link org.drcorl.data.DsrlHdf5Writer}), DSRL's per-task constants ({@link org.drcorl.spi.DsrlTasks}),
 * validation and summaries. Broken files surface as {@link org.drcorl.data.DatasetException}
 * with a message that names the file.
 */
package org.drcorl.data;
