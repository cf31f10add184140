/**
 * The model-zip format, written and read in one place: {@link io.videoseq.model.io.ModelZipWriter} writes DL4J's
 * entries byte for byte ({@link io.videoseq.model.io.ArrayWriter} for the arrays) and videoseq's {@code videoseq/…}
 * entries; {@link io.videoseq.model.io.ModelZip} loads any such file safely, whoever wrote it, refusing with a
 * {@link io.videoseq.model.io.ModelFileException} that names the file, the entry and the reason. Training's
 * checkpoints and {@code import-torch} outputs are both this format. The class names older versions wrote and that
 * have moved since are listed once, in {@link io.videoseq.model.io.LegacyTypes}.
 */
package io.videoseq.model.io;
