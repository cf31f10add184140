/**
 * Ensembles: training 1 to 64 members with seeds {@code seed + i} (resumable per member, or one shard of them),
 * collecting the complete members into a manifest and their averaged scores, and the ensemble's results file.
 */
package io.videoseq.training.ensemble;
