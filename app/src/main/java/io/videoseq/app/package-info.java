/**
 * The {@code videoseq} command line's entry point and its process-wide rules: {@link io.videoseq.app.Main} (the
 * built-in commands, the optional modules' commands found on the classpath, the ND4J backend check), exit codes
 * ({@link io.videoseq.app.ExitCodes}) decided in one place by exception type ({@link io.videoseq.app.ErrorClassifier},
 * {@link io.videoseq.app.ErrorHandler}), {@link io.videoseq.app.UserInputException} for a refused option, logging
 * verbosity, the JVM-wide deserialization filter and the version. The only module that knows picocli.
 */
package io.videoseq.app;
