/**
 * The strict binding of configuration JSON onto immutable records, for the command line and any library caller
 * alike: {@link io.videoseq.core.config.ConfigDocument} reads a file of sections (duplicate keys, trailing text and
 * unknown sections refused), {@link io.videoseq.core.config.RecordBinder} lays a section over a record's current
 * value ({@link io.videoseq.core.config.JsonOverlay}: unknown keys and values of another JSON type refused) and lets
 * the record's constructor validate the result. Every refusal is a {@link io.videoseq.core.config.ConfigException}
 * in one format, {@code SOURCE: KEY.PATH: PROBLEM}. E.g. a model configuration from a file:
 * {@code ConfigDocument.read(file, Set.of("model")).bind(new RecordBinder<>(JsonMappers.documents(),
 * ModelConfig.class, "model"), ModelConfig.defaults())}.
 */
package io.videoseq.core.config;
