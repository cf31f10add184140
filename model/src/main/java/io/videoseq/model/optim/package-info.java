/**
 * Optimization, all of it: the AdamW updater and the cosine schedule with warm restarts that a checkpoint's
 * configuration names (so here, where the model module alone can load them), decoupled weight decay set on a built
 * configuration, the updater setups, and global-norm gradient clipping as a training listener.
 */
package io.videoseq.model.optim;
