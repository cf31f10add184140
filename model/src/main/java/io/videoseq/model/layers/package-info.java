/**
 * The custom DL4J layers of the model, each a configuration class (serialized by full class name into a
 * checkpoint's {@code configuration.json}, so never moved or renamed), a runtime implementation with hand-written
 * backpropagation and a parameter initializer: the bidirectional LSTM, self-attention, attention pooling, the
 * linear-plus-layer-norm head, and the masked wrappers of DL4J's LSTM. Each passes {@code GradientCheckUtil} in
 * double precision.
 */
package io.videoseq.model.layers;
