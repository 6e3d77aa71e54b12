package com.linkwithmentor.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JVM a benchmark starts on this test classpath (a service instance, a client holder) and
 * measures from outside, as an operator would: heap after a full GC ({@code jcmd GC.heap_info}),
 * a class histogram, RSS, threads and open files ({@code /proc}). The open-file limit is raised as
 * far as the system allows before the JVM starts (one file per socket), and reported.
 */
public final class JvmProcess implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final String name;

    private final Process process;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private final Writer input;

    private JvmProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name(name + "-out").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            }
            catch (IOException ex) {
                // ended
            }
        });
    }

    /**
     * Starts {@code mainClass} on this JVM's classpath. Standard error goes to {@code log}; standard
     * output is read line by line ({@link #awaitLine}).
     */
    public static JvmProcess start(String name, List<String> jvmOptions, String mainClass, List<String> args,
            Map<String, String> environment, Path log) {
        return start(name, jvmOptions, mainClass, args, environment, log, false);
    }

    /** Like {@link #start}, with standard output going to the log as well (a service's log lines). */
    public static JvmProcess startLogging(String name, List<String> jvmOptions, String mainClass, List<String> args,
            Map<String, String> environment, Path log) {
        return start(name, jvmOptions, mainClass, args, environment, log, true);
    }

    private static JvmProcess start(String name, List<String> jvmOptions, String mainClass, List<String> args,
            Map<String, String> environment, Path log, boolean outputToLog) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                "ulimit -n \"${LWM_OPEN_FILES:-1048576}\" 2>/dev/null || ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$@\"",
                "raise-open-files", java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            if (outputToLog) {
                builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            }
            else {
                builder.redirectError(ProcessBuilder.Redirect.to(log.toFile()));
            }
            return new JvmProcess(name, builder.start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + name, ex);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Writes one line to the process's standard input. */
    public void send(String line) {
        try {
            input.write(line + "\n");
            input.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The next line of standard output starting with {@code prefix} (others are skipped). */
    public String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line;
            try {
                line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            if (line == null) {
                throw new IllegalStateException(name + " printed no '" + prefix + "' line within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Sends a command and returns the answer line starting with {@code prefix}. */
    public String ask(String command, String prefix, Duration timeout) {
        send(command);
        return awaitLine(prefix, timeout);
    }

    // ---- measuring from outside -------------------------------------------------------------------

    /** Heap in use right after a full GC, in bytes. */
    public long heapAfterGc() {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("No heap figure from jcmd for " + name);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** The class histogram's header and its first {@code rows} rows (by bytes), after a full GC. */
    public String histogram(int rows) {
        List<String> lines = jcmd("GC.class_histogram").lines().toList();
        return String.join("\n", lines.subList(0, Math.min(lines.size(), rows + 3)));
    }

    public long rssBytes() {
        return status("VmRSS") * 1024;
    }

    public long threads() {
        return status("Threads");
    }

    public long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return fds.count();
        }
        catch (IOException ex) {
            return -1;
        }
    }

    /** The soft open-file limit the process runs with (Linux), or empty. */
    public Optional<Long> openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "limits"))) {
                if (line.startsWith("Max open files")) {
                    String value = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return Optional.of(value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value));
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
        return -1;
    }

    private String jcmd(String command) {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Path jcmd = java.resolveSibling("jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true)
                .start();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            run.waitFor(60, TimeUnit.SECONDS);
            return out;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Asks the process to stop (SIGTERM: a Spring service drains), waiting up to the timeout. */
    public boolean stop(Duration timeout) {
        process.toHandle().destroy();
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive() && !stop(Duration.ofSeconds(20))) {
            process.destroyForcibly();
        }
    }
}
