/**
 * The wiring of a training run started from the command line: the request built from options and configuration,
 * console progress, plots, the resource monitor, and the notices printed on Ctrl-C or SIGTERM (what was kept and
 * how to resume).
 */
package io.videoseq.app.run;
