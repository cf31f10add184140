/**
 * What every videoseq module shares, below {@code data} and {@code model} (which are independent of each other):
 * {@link io.videoseq.core.VideoseqException}, the base of videoseq's refusals of an input the user can fix.
 */
package io.videoseq.core;
