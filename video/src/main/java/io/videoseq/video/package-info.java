/**
 * Stage 1, video files to features: a {@link io.videoseq.video.Backbone} turns frames into feature rows,
 * {@link io.videoseq.video.BackboneIdentity} records what computed them (weights SHA-256, layer, size,
 * {@link io.videoseq.video.Preprocessing}) so features of different backbones are never mixed, and
 * {@link io.videoseq.video.FrameFeatures} preprocesses each frame as it is decoded and runs the backbone in batches.
 */
package io.videoseq.video;
