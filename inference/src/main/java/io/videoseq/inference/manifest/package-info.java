/**
 * The ensemble manifest ({@code PREFIX_ensemble.json}): writing it, and reading it as a file from a stranger — member
 * paths confined to its folder, at most {@value io.videoseq.inference.manifest.EnsembleManifest#MAX_MEMBERS}
 * members, none named twice, all checked before each member's {@link io.videoseq.inference.manifest.Sha256} is
 * compared and before any member is loaded; refusals are one-line
 * {@link io.videoseq.inference.manifest.ManifestException}s. {@link io.videoseq.inference.manifest.ManifestEdit}
 * makes a new manifest from an old one ({@code ensemble-edit}).
 */
package io.videoseq.inference.manifest;
