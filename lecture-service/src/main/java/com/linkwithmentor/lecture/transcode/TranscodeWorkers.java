package com.linkwithmentor.lecture.transcode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.storage.BlobStore;
import com.linkwithmentor.lecture.course.Lecture;
import com.linkwithmentor.lecture.course.LectureRepository;
import com.linkwithmentor.lecture.course.Rendition;

/**
 * A fixed number of workers, each taking one job at a time from the database queue: probe the
 * source (duration, size, audio), encode each rung of the ladder with FFmpeg (progress reported
 * to the lecture as it goes), grab a thumbnail, write the master playlist, put everything in the
 * blob store under a prefix of its own, and only then mark the lecture ready with its
 * {@code LectureReady} event. A source FFmpeg cannot read fails the lecture with FFmpeg's reason
 * ({@code LectureFailed}); a job interrupted too often fails too, never a stuck {@code processing}.
 */
@Component
class TranscodeWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TranscodeWorkers.class);

    private final TranscodeJobs jobs;

    private final Ffmpeg ffmpeg;

    private final LectureRepository lectures;

    private final BlobStore blobs;

    private final OutboxWriter outbox;

    private final TransactionTemplate transactions;

    private final TranscodeProperties properties;

    private final Clock clock;

    private final String instance = "transcoder-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition work = lock.newCondition();

    private final Map<UUID, Ffmpeg.ProcessHolder> running = new ConcurrentHashMap<>();

    private final List<Thread> workers = new ArrayList<>();

    private @Nullable ScheduledExecutorService heartbeat;

    private volatile boolean active;

    TranscodeWorkers(TranscodeJobs jobs, Ffmpeg ffmpeg, LectureRepository lectures, BlobStore blobs, OutboxWriter outbox,
            PlatformTransactionManager transactionManager, TranscodeProperties properties, Clock clock) {
        this.jobs = jobs;
        this.ffmpeg = ffmpeg;
        this.lectures = lectures;
        this.blobs = blobs;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
        jobs.onEnqueued(this::nudge);
    }

    @Override
    public void start() {
        String missing = ffmpeg.unavailable();
        if (!properties.enabled()) {
            log.info("Transcoding is switched off on this instance (lwm.lectures.transcoding.enabled=false)");
            return;
        }
        if (missing != null) {
            log.error("FFmpeg is not available ({}): lectures are uploaded and their transcode jobs wait in the queue "
                    + "until an instance with FFmpeg runs (health component 'ffmpeg' is DOWN)", missing);
            return;
        }
        active = true;
        heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("transcode-heartbeat").daemon().factory());
        long beat = properties.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
        for (int i = 0; i < properties.workers(); i++) {
            Thread worker = Thread.ofPlatform().name("transcode-worker-" + i).daemon().start(this::loop);
            workers.add(worker);
        }
        log.info("Transcoding with {} worker(s) as {}", properties.workers(), instance);
    }

    @Override
    public void stop() {
        active = false;
        nudge();
        running.values().forEach(Ffmpeg.ProcessHolder::stop);
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    boolean isActive() {
        return active;
    }

    void nudge() {
        lock.lock();
        try {
            work.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (active) {
            Optional<TranscodeJobs.Job> job;
            try {
                job = jobs.claim(instance, properties.staleAfter());
            }
            catch (RuntimeException ex) {
                log.warn("could not claim a transcode job: {}", ex.toString());
                job = Optional.empty();
            }
            if (job.isPresent()) {
                process(job.get());
                continue;
            }
            lock.lock();
            try {
                if (active) {
                    work.await(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            catch (InterruptedException ex) {
                return;
            }
            finally {
                lock.unlock();
            }
        }
    }

    private void beat() {
        running.forEach((jobId, holder) -> {
            try {
                if (!jobs.beat(jobId, instance)) {
                    log.warn("lost the claim on transcode job {}; stopping it here", jobId);
                    holder.stop();
                }
            }
            catch (RuntimeException ex) {
                log.warn("heartbeat for job {} failed: {}", jobId, ex.toString());
            }
        });
    }

    private void process(TranscodeJobs.Job job) {
        if (job.attempts() > properties.maxAttempts()) {
            fail(job, "Transcoding was interrupted " + (job.attempts() - 1) + " times; upload the video again");
            return;
        }
        Optional<Lecture> found = lectures.findById(job.lectureId());
        if (found.isEmpty()) {
            jobs.finish(job.jobId(), instance, false, "lecture deleted");
            return;
        }
        Ffmpeg.ProcessHolder holder = new Ffmpeg.ProcessHolder();
        running.put(job.jobId(), holder);
        Path work = job.source().resolveSibling("work-" + job.jobId());
        try {
            update(job.lectureId(), lecture -> lecture.processing(clock.instant()));
            deleteTree(work);
            Files.createDirectories(work);
            if (!Files.isRegularFile(job.source())) {
                throw new Ffmpeg.MediaException("The uploaded file is no longer on the server; upload the video again");
            }
            Ffmpeg.Probe probe = ffmpeg.probe(job.source(), work);
            Ladder ladder = Ladder.plan(probe.width(), probe.height(), probe.audio());
            int total = ladder.rungs().size();
            int[] lastPercent = { -1 };
            long[] lastWrite = { 0 };
            for (int i = 0; i < total; i++) {
                Ladder.Rung rung = ladder.rungs().get(i);
                int index = i;
                long started = System.nanoTime();
                ffmpeg.encode(job.source(), probe, rung, work.resolve(rung.name()), fraction -> {
                    int percent = (int) Math.floor(95.0 * (index + fraction) / total);
                    long now = System.nanoTime();
                    if (percent > lastPercent[0] && now - lastWrite[0] > 1_000_000_000L) {
                        lastPercent[0] = percent;
                        lastWrite[0] = now;
                        update(job.lectureId(), lecture -> lecture.progress(percent, clock.instant()));
                    }
                }, holder);
                log.info("job {} rung {}: {} s of source in {} ms", job.jobId(), rung.name(),
                        String.format(java.util.Locale.ROOT, "%.1f", probe.durationSeconds()),
                        (System.nanoTime() - started) / 1_000_000);
            }
            Path thumbnail = work.resolve("thumbnail.jpg");
            ffmpeg.thumbnail(job.source(), probe, thumbnail, holder);
            Files.writeString(work.resolve("master.m3u8"), master(ladder));
            String prefix = "lectures/" + job.lectureId() + "/" + job.jobId();
            store(work, prefix, ladder);
            List<Rendition> renditions = ladder.rungs().stream()
                .map(r -> new Rendition(r.height(), r.width(), r.bandwidth())).toList();
            long durationMs = Math.round(probe.durationSeconds() * 1000);
            String[] previous = { null };
            boolean finished = Boolean.TRUE.equals(transactions.execute(status -> {
                if (!jobs.finish(job.jobId(), instance, true, "")) {
                    return false;
                }
                lectures.findById(job.lectureId()).ifPresent(lecture -> {
                    previous[0] = lecture.mediaPrefix();
                    lecture.ready(durationMs, probe.height(), renditions, prefix, prefix + "/thumbnail.jpg", clock.instant());
                    lectures.save(lecture);
                    outbox.append(Streams.LECTURES, "LectureReady", lecture.lectureId(), readyPayload(lecture));
                });
                return true;
            }));
            if (finished && previous[0] != null && !previous[0].equals(prefix)) {
                deletePrefix(previous[0]);
            }
            if (!finished) {
                deletePrefix(prefix);
            }
            cleanSource(job);
        }
        catch (Ffmpeg.MediaException ex) {
            fail(job, ex.getMessage());
            cleanSource(job);
        }
        catch (InterruptedException ex) {
            if (!active) {
                jobs.release(job.jobId(), instance);
                log.info("stopping: transcode job {} goes back to the queue", job.jobId());
            }
        }
        catch (IOException | RuntimeException ex) {
            if (!active) {
                jobs.release(job.jobId(), instance);
            }
            else {
                log.error("transcode job {} failed unexpectedly", job.jobId(), ex);
                fail(job, "Transcoding failed on the server; upload the video again, or contact support");
            }
        }
        finally {
            running.remove(job.jobId());
            deleteTree(work);
        }
    }

    private static String master(Ladder ladder) {
        StringBuilder master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Ladder.Rung rung : ladder.rungs()) {
            master.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(rung.bandwidth())
                .append(",AVERAGE-BANDWIDTH=").append((rung.videoKbps() + rung.audioKbps()) * 1000)
                .append(",RESOLUTION=").append(rung.width()).append('x').append(rung.height()).append('\n')
                .append(rung.name()).append("/index.m3u8\n");
        }
        return master.toString();
    }

    /** Segments first, then the rung playlists, the thumbnail, and the master last: a reader never sees a playlist whose entries are missing. */
    private void store(Path work, String prefix, Ladder ladder) throws IOException {
        for (Ladder.Rung rung : ladder.rungs()) {
            Path dir = work.resolve(rung.name());
            List<Path> segments;
            try (Stream<Path> files = Files.list(dir)) {
                segments = files.filter(f -> f.getFileName().toString().endsWith(".ts")).sorted().toList();
            }
            for (Path segment : segments) {
                put(segment, prefix + "/" + rung.name() + "/" + segment.getFileName(), "video/mp2t");
            }
            put(dir.resolve("index.m3u8"), prefix + "/" + rung.name() + "/index.m3u8", "application/vnd.apple.mpegurl");
        }
        put(work.resolve("thumbnail.jpg"), prefix + "/thumbnail.jpg", "image/jpeg");
        put(work.resolve("master.m3u8"), prefix + "/master.m3u8", "application/vnd.apple.mpegurl");
    }

    private void put(Path file, String key, String contentType) {
        blobs.putFile(key, file, contentType);
    }

    private void fail(TranscodeJobs.Job job, String reason) {
        log.info("transcode job {} for lecture {} failed: {}", job.jobId(), job.lectureId(), reason);
        transactions.executeWithoutResult(status -> {
            if (!jobs.finish(job.jobId(), instance, false, reason)) {
                return;
            }
            lectures.findById(job.lectureId()).ifPresent(lecture -> {
                lecture.fail(reason, clock.instant());
                lectures.save(lecture);
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("lecture_id", lecture.lectureId().toString());
                payload.put("course_id", lecture.courseId().toString());
                payload.put("reason", lecture.failureReason());
                outbox.append(Streams.LECTURES, "LectureFailed", lecture.lectureId(), payload);
            });
        });
    }

    private static Map<String, Object> readyPayload(Lecture lecture) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("lecture_id", lecture.lectureId().toString());
        payload.put("course_id", lecture.courseId().toString());
        payload.put("duration_seconds", lecture.durationMs() / 1000.0);
        payload.put("renditions", lecture.renditions().stream()
            .map(r -> Map.of("height", r.height(), "width", r.width(), "bandwidth", r.bandwidth())).toList());
        return payload;
    }

    private void update(UUID lectureId, java.util.function.Consumer<Lecture> change) {
        transactions.executeWithoutResult(status -> lectures.findById(lectureId).ifPresent(lecture -> {
            change.accept(lecture);
            lectures.save(lecture);
        }));
    }

    /** The staged upload belongs to this job alone: it goes once the job is over, done or failed. */
    private void cleanSource(TranscodeJobs.Job job) {
        try {
            Files.deleteIfExists(job.source());
        }
        catch (IOException ex) {
            log.warn("could not delete staged source {}: {}", job.source(), ex.toString());
        }
    }

    private void deletePrefix(String prefix) {
        try {
            blobs.deleteAll(prefix + "/");
        }
        catch (RuntimeException ex) {
            log.warn("could not delete old media under {}: {}", prefix, ex.toString());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ex) {
            log.warn("could not delete work directory {}: {}", dir, ex.toString());
        }
    }
}
