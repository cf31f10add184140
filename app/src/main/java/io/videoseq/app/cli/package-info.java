/**
 * The picocli commands ({@code train}, {@code evaluate}, {@code extract}, ...) and their shared option groups: each
 * parses its flags, maps them onto the library's records, calls the library module that owns the work and prints;
 * a refused value becomes a {@link io.videoseq.app.UserInputException} naming the option.
 * {@link io.videoseq.app.cli.CommandProvider} is how another module adds a command
 * ({@link java.util.ServiceLoader}), and {@link io.videoseq.app.cli.OptionalCommands} answers for a known one whose
 * module is missing.
 */
package io.videoseq.app.cli;
