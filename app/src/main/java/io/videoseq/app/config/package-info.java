/**
 * The {@code --config} file of a run ({@code {"model": {...}, "training": {...}}}): its sections and the command
 * line's flags laid over the records' defaults in order of precedence (defaults, file, flags) with the library's
 * strict binding ({@code io.videoseq.core.config}), and the records' defaults as help-text variables.
 */
package io.videoseq.app.config;
