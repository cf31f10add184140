/**
 * The Keras backbone: a Keras {@code .h5} or a TensorFlow.js layers model read in Java, checked before DL4J's
 * importer sees it (bounded sizes, a known topology, weights that match), fixed where DL4J's importer needs it and
 * cut after the feature layer; {@link io.videoseq.video.backbone.BackboneException} names what is refused.
 */
package io.videoseq.video.backbone;
