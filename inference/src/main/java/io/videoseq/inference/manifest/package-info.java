/**
 * The ensemble manifest ({@code PREFIX_ensemble.json}): writing it, and reading it as a file from a stranger — member
 * paths confined to its folder, each member's {@link io.videoseq.inference.manifest.Sha256} compared before any
 * member is loaded; refusals are one-line
 * {@link io.videoseq.inference.manifest.ManifestException}s. {@link io.videoseq.inference.manifest.ManifestEdit}
 * makes a new manifest from an old one ({@code ensemble-edit}).
 */
package io.videoseq.inference.manifest;
