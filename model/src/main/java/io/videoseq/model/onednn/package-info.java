/**
 * What every use of oneDNN's own API ({@code org.bytedeco:dnnl}, optional) shares: whether the library loads
 * ({@link io.videoseq.model.onednn.OneDnnLibrary}, asked without naming dnnl's classes), and one CPU engine, a stream
 * per thread and raw addresses for memories over ND4J buffers ({@link io.videoseq.model.onednn.OneDnnEngine}). The
 * BiLSTM ({@code model.layers}) and AdamW ({@code model.optim}) build their primitives on them.
 */
package io.videoseq.model.onednn;
