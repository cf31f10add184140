package io.videoseq.app;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks that ND4J can start its native backend before a command needs it. A {@code -Pcuda} build on a machine
 * without an NVIDIA GPU (or without CUDA 11.6) otherwise fails deep inside ND4J's static initialiser with a
 * 60-line stack trace; the user can fix this (run the CPU build, or install the driver), so it is one line and
 * exit 2.
 */
final class NativeBackend {
    private NativeBackend() {
    }

    static void require() {
        try {
            Nd4j.getBackend();
        } catch (Throwable t) { // ExceptionInInitializerError, NoClassDefFoundError, UnsatisfiedLinkError, ...
            throw new UserInputException("no usable ND4J backend: " + deepestMessage(t) + " (a -Pcuda build needs"
                    + " an NVIDIA GPU with CUDA 11.6; build without -Pcuda to run on the CPU)", t);
        }
    }

    private static String deepestMessage(Throwable t) {
        String message = t.getClass().getSimpleName();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
