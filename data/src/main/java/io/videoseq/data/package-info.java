/**
 * Feature files and the minibatches made of them: {@link io.videoseq.data.FeatureFile} reads the original HDF5
 * layout, validating every value it reads ({@link io.videoseq.data.FeatureFileException} names file, entry, video,
 * expected and found), {@link io.videoseq.data.FeatureFileWriter} writes it; {@link io.videoseq.data.VideoSource} is
 * what the rest sees of a split. Class weights, the weighted sampler, temporal augmentation, test-time views and
 * {@link io.videoseq.data.SequenceBatchIterator} (masked, right-padded NCW batches) make the batches; the synthetic
 * data writer makes the demo's and the tests' files.
 */
package io.videoseq.data;
