/**
 * Video files to predictions: {@link io.videoseq.video.classify.VideoPipeline} joins a backbone (this module) and a
 * trained model ({@code videoseq-inference}'s {@code VideoClassifier}), checks that the backbone gives the features
 * the model was trained on (its {@code feature_extractor} record), samples frames as those features were, and decodes
 * each video within its bounds. The {@code classify} command is a thin shell over it.
 */
package io.videoseq.video.classify;
