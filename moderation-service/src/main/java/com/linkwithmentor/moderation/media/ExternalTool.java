package com.linkwithmentor.moderation.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program this service runs as a separate process (tesseract, ffmpeg, ffprobe): found or not at
 * its configured path, run with an argument list (never a shell), a time limit after which it is
 * killed, and bounded output. A missing tool is reported by health and by the analysis that needed
 * it; it never stops the service from starting.
 */
final class ExternalTool {

    private static final int MAX_OUTPUT = 1 << 20;

    private final String name;

    private final Path executable;

    ExternalTool(String name, Path executable) {
        this.name = name;
        this.executable = executable;
    }

    String name() {
        return name;
    }

    Path executable() {
        return executable;
    }

    boolean available() {
        return Files.isRegularFile(executable) && Files.isExecutable(executable);
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Thrown when the tool cannot run or does not finish in time. */
    static final class ToolException extends Exception {

        ToolException(String message) {
            super(message);
        }
    }

    Result run(List<String> arguments, Duration timeout, Map<String, String> environment) throws ToolException {
        List<String> command = new ArrayList<>(arguments.size() + 1);
        command.add(executable.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            throw new ToolException(name + " cannot be started: " + ex.getMessage());
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ToolException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), stdout.get(5, TimeUnit.SECONDS), stderr.get(5, TimeUnit.SECONDS));
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolException(name + " was interrupted");
        }
        catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
            process.destroyForcibly();
            throw new ToolException(name + "'s output could not be read: " + ex.getMessage());
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Reads everything, keeping at most 1 MiB. */
    private static String drain(InputStream in) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                int room = MAX_OUTPUT - kept.size();
                if (room > 0) {
                    kept.write(buffer, 0, Math.min(room, read));
                }
            }
        }
        catch (IOException ex) {
            // The process died; what was read is all there is.
        }
        return kept.toString(StandardCharsets.UTF_8);
    }
}
