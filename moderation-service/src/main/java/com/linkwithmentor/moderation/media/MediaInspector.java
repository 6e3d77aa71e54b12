package com.linkwithmentor.moderation.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import com.linkwithmentor.storage.BlobKeys;
import com.linkwithmentor.storage.BlobNotFoundException;
import com.linkwithmentor.storage.BlobStore;
import com.linkwithmentor.storage.LocalDiskBlobStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * What a picture or a video shows the checks that need no downloaded model: per picture (or
 * keyframe) its PDQ hash and the text tesseract reads in it. Judging those facts is analysis's
 * job. Tesseract and FFmpeg run as processes with time limits; when tesseract is missing the
 * picture is still hashed and the answer says OCR did not run, when FFmpeg is missing video
 * analysis answers 503.
 */
@Component
public class MediaInspector {

    private static final Logger log = LoggerFactory.getLogger(MediaInspector.class);

    private static final Pattern PTS_TIME = Pattern.compile("n:\\s*(\\d+).*?pts_time:\\s*([0-9.]+)");

    /** Longest OCR text kept per picture: the text analysis limit. */
    private static final int MAX_TEXT = 10_000;

    private final MediaProperties properties;

    private final BlobStore blobs;

    private final Pictures pictures;

    private final ExternalTool tesseract;

    private final ExternalTool ffmpeg;

    private final ExternalTool ffprobe;

    public MediaInspector(MediaProperties properties, BlobStore blobs) {
        this.properties = properties;
        this.blobs = blobs;
        this.pictures = new Pictures(properties.media().maxPixels());
        this.tesseract = new ExternalTool("tesseract", properties.media().tesseract());
        this.ffmpeg = new ExternalTool("ffmpeg", properties.media().ffmpeg());
        this.ffprobe = new ExternalTool("ffprobe", properties.media().ffprobe());
        for (ExternalTool tool : List.of(tesseract, ffmpeg, ffprobe)) {
            if (!tool.available()) {
                log.warn("{} is not installed at {}: {} analysis is limited (see /actuator/health)", tool.name(),
                        tool.executable(), tool == tesseract ? "picture text (OCR)" : "video");
            }
        }
    }

    /** Which tools are installed, by name. */
    public Map<String, Boolean> tools() {
        return Map.of(tesseract.name(), tesseract.available(), ffmpeg.name(), ffmpeg.available(), ffprobe.name(),
                ffprobe.available());
    }

    /** {@code done}, {@code unavailable} (not installed) or {@code failed} (with why). */
    public record OcrOutcome(String status, @Nullable String detail) {

        public static final OcrOutcome DONE = new OcrOutcome("done", null);
    }

    /** One picture: its size, hash and the text read in it (null when OCR did not run). */
    public record PictureFacts(int width, int height, PdqHash hash, @Nullable String text, OcrOutcome ocr) {
    }

    /** One keyframe of a video: its index and time, and what the picture checks saw. */
    public record FrameFacts(int index, double atSeconds, PictureFacts picture) {
    }

    public record VideoFacts(Path file, double durationSeconds, List<FrameFacts> frames) {
    }

    public PictureFacts picture(byte[] bytes) {
        return inspect(pictures.decode(bytes).image());
    }

    private PictureFacts inspect(BufferedImage image) {
        PdqHash hash = PdqHash.of(image);
        if (!tesseract.available()) {
            return new PictureFacts(image.getWidth(), image.getHeight(), hash, null,
                    new OcrOutcome("unavailable", "tesseract is not installed at " + tesseract.executable()));
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("lwm-ocr-");
            Path input = folder.resolve("picture.png");
            ImageIO.write(forOcr(image), "png", input.toFile());
            ExternalTool.Result result = tesseract.run(List.of(input.toString(), "stdout", "-l",
                    properties.media().ocrLanguage(), "--psm", "3"), properties.media().ocrTimeout(),
                    Map.of("OMP_THREAD_LIMIT", "1"));
            if (result.exitCode() != 0) {
                return new PictureFacts(image.getWidth(), image.getHeight(), hash, null,
                        new OcrOutcome("failed", "tesseract exited with " + result.exitCode() + ": "
                                + firstLine(result.stderr())));
            }
            String text = result.stdout().replaceAll("[\\s\\u000c]+", " ").strip();
            return new PictureFacts(image.getWidth(), image.getHeight(), hash,
                    text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text, OcrOutcome.DONE);
        }
        catch (IOException | ExternalTool.ToolException ex) {
            return new PictureFacts(image.getWidth(), image.getHeight(), hash, null,
                    new OcrOutcome("failed", ex.getMessage()));
        }
        finally {
            delete(folder);
        }
    }

    /**
     * Grey, and enlarged when small: tesseract reads best at about 30 pixel letters, and chat
     * screenshots and phone pictures are often smaller than that.
     */
    private static BufferedImage forOcr(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        double scale = width < 1000 ? Math.min(3.0, 1000.0 / width) : 1.0;
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, w, h, null);
        }
        finally {
            g.dispose();
        }
        return grey;
    }

    /**
     * A video's keyframes: one frame every {@code gap} seconds from the start, the gap at least
     * {@code min-keyframe-gap} and long enough that {@code max-keyframes} frames span the whole
     * video, each checked as a picture. (Sampling by time rather than by the encoder's I-frames:
     * an encoder may place those anywhere, and a slide shown for a few seconds must be seen.)
     */
    public VideoFacts video(String storageKey) {
        if (!ffmpeg.available() || !ffprobe.available()) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "Video analysis needs ffmpeg and ffprobe, which are not installed here", Map.of("tools", tools()));
        }
        LocalFile local = localFile(storageKey);
        Path file = local.path();
        MediaProperties.Tools limits = properties.media();
        double duration = duration(file);
        double gap = Math.max(limits.minKeyframeGap().toMillis() / 1000.0, duration / limits.maxKeyframes());
        Path folder = null;
        try {
            folder = Files.createTempDirectory("lwm-frames-");
            String filter = String.format(Locale.ROOT,
                    "select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,%.3f)',"
                            + "scale='min(1280\\,iw)':-2,showinfo", gap);
            ExternalTool.Result result = ffmpeg.run(List.of("-hide_banner", "-nostdin", "-i", file.toString(), "-vf",
                    filter, "-vsync", "vfr", "-frames:v", Integer.toString(limits.maxKeyframes()), "-f", "image2",
                    folder.resolve("frame-%03d.png").toString()), limits.videoTimeout(), Map.of());
            if (result.exitCode() != 0) {
                throw new ApiException(ErrorCode.UNPROCESSABLE, "The file at storage_key is not a video FFmpeg can read: "
                        + lastLine(result.stderr()), Map.of("field", "storage_key"));
            }
            List<Double> times = new ArrayList<>();
            Matcher matcher = PTS_TIME.matcher(result.stderr());
            while (matcher.find()) {
                times.add(Double.parseDouble(matcher.group(2)));
            }
            List<Path> frameFiles;
            try (Stream<Path> listed = Files.list(folder)) {
                frameFiles = listed.filter(path -> path.getFileName().toString().startsWith("frame-")).sorted().toList();
            }
            List<FrameFacts> frames = new ArrayList<>();
            for (int i = 0; i < frameFiles.size(); i++) {
                BufferedImage image = ImageIO.read(frameFiles.get(i).toFile());
                if (image != null) {
                    frames.add(new FrameFacts(i, i < times.size() ? times.get(i) : Double.NaN, inspect(image)));
                }
            }
            return new VideoFacts(file, duration, frames);
        }
        catch (IOException ex) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Keyframes could not be extracted: " + ex.getMessage());
        }
        catch (ExternalTool.ToolException ex) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "Keyframes could not be extracted: " + ex.getMessage(),
                    Map.of("field", "storage_key"));
        }
        finally {
            delete(folder);
            local.release();
        }
    }

    private double duration(Path file) {
        try {
            ExternalTool.Result result = ffprobe.run(List.of("-v", "error", "-show_entries", "format=duration", "-of",
                    "default=noprint_wrappers=1:nokey=1", file.toString()), properties.media().videoTimeout(), Map.of());
            if (result.exitCode() != 0) {
                throw new ApiException(ErrorCode.UNPROCESSABLE, "The file at storage_key is not a video FFmpeg can read: "
                        + lastLine(result.stderr()), Map.of("field", "storage_key"));
            }
            String value = result.stdout().strip();
            return value.isEmpty() || value.equals("N/A") ? 0 : Double.parseDouble(value);
        }
        catch (NumberFormatException ex) {
            return 0;
        }
        catch (ExternalTool.ToolException ex) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, ex.getMessage(), Map.of("field", "storage_key"));
        }
    }

    /** A file FFmpeg can read, and whether it is a temporary copy to delete afterwards. */
    private record LocalFile(Path path, boolean copy) {

        void release() {
            if (copy) {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException ex) {
                    log.debug("Could not delete the temporary copy {}", path);
                }
            }
        }
    }

    /**
     * The stored file a storage key names (the storage module's key rules: a relative path of plain
     * names, never leaving the store): read in place from local disk, or copied from a bucket.
     */
    LocalFile localFile(String storageKey) {
        try {
            BlobKeys.require(storageKey);
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.badRequest("storage_key", "storage_key must be a relative path of plain names in the store");
        }
        if (blobs.stat(storageKey).isEmpty()) {
            throw ApiException.notFound("Video");
        }
        if (blobs instanceof LocalDiskBlobStore local) {
            return new LocalFile(local.root().resolve(storageKey), false);
        }
        try {
            Path copy = Files.createTempFile("lwm-video-", ".bin");
            try (InputStream in = blobs.open(storageKey)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return new LocalFile(copy, true);
        }
        catch (BlobNotFoundException ex) {
            throw ApiException.notFound("Video");
        }
        catch (IOException ex) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The stored video cannot be read: " + ex.getMessage());
        }
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }

    private static String lastLine(String text) {
        String stripped = text.strip();
        int newline = stripped.lastIndexOf('\n');
        return newline < 0 ? stripped : stripped.substring(newline + 1);
    }

    private static void delete(@Nullable Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException ex) {
            log.debug("Could not delete {}", folder, ex);
        }
    }
}
