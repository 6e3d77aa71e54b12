package com.linkwithmentor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image tarballs {@code ./mvnw -Pimages package} leaves in {@code <module>/target/jib-image.tar}
 * (OCI image layout), read back: every blob matches its digest, the config runs the service as
 * 65532 with the container-sized JVM flags and its main class, exposes its ports, and the layers
 * are split so a code change rebuilds the classes layer only (the runtime, then dependencies,
 * snapshot and project dependencies, resources, classes, then the probe). Building images takes
 * about half a minute per service, so the default test run does not: it checks the tarballs that
 * exist and is skipped when there are none ({@code .ci/run} builds chat-service's first).
 */
class ImageTarballTests {

    private static final Fleet FLEET = Fleet.load();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> eachBuiltImageHoldsItsServiceAsTheFleetTableSays() {
        List<Fleet.Service> imaged = FLEET.built().stream()
                .filter(service -> Files.isRegularFile(tarball(service))).toList();
        Assumptions.assumeFalse(imaged.isEmpty(), "no image tarball to check: build one with"
                + " ./mvnw -Pimages -pl chat-service -am package -DskipTests (then this test reads chat-service/target/jib-image.tar)");
        return imaged.stream().map(service -> DynamicTest.dynamicTest(service.name(), () -> checkImage(service)));
    }

    private static Path tarball(Fleet.Service service) {
        return FLEET.path(service.module()).resolve("target/jib-image.tar");
    }

    private void checkImage(Fleet.Service service) throws IOException {
        Path tar = tarball(service);
        Map<String, Tar.Member> members = Tar.index(tar);
        SoftAssertions soft = new SoftAssertions();

        assertThat(members).as("an OCI image layout").containsKeys("oci-layout", "index.json");
        JsonNode index = JSON.readTree(bytes(tar, members.get("index.json")));
        JsonNode reference = index.path("manifests").path(0);
        soft.assertThat(reference.path("annotations").path("org.opencontainers.image.ref.name").asString())
                .as("image name").isEqualTo("linkwithmentor/" + service.artifact() + ":" + ComposeFileTests.projectVersion());
        JsonNode manifest = JSON.readTree(blob(tar, members, reference.path("digest").asString()));
        soft.assertThat(manifest.path("mediaType").asString()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        JsonNode image = JSON.readTree(blob(tar, members, manifest.path("config").path("digest").asString()));
        JsonNode config = image.path("config");

        // Who and what runs.
        soft.assertThat(config.path("User").asString()).as("User: not root").isEqualTo("65532:65532");
        List<String> entrypoint = strings(config.path("Entrypoint"));
        soft.assertThat(entrypoint).as("Entrypoint").isNotEmpty();
        soft.assertThat(entrypoint.getFirst()).as("java from the image's runtime").isIn("java", "/opt/java/bin/java");
        soft.assertThat(entrypoint).as("JVM sized by the container's memory, ended by an OutOfMemoryError")
                .anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage=")).contains("-XX:+ExitOnOutOfMemoryError");
        String mainClass = entrypoint.getLast();
        soft.assertThat(mainClass).as("main class").startsWith("com.linkwithmentor.");
        Set<String> ports = new TreeSet<>();
        config.path("ExposedPorts").propertyNames().forEach(ports::add);
        Set<String> expected = new TreeSet<>(Set.of(service.port() + "/tcp"));
        if (service.socketPort() != null) {
            expected.add(service.socketPort() + "/tcp");
        }
        soft.assertThat(ports).as("ExposedPorts").isEqualTo(expected);
        soft.assertThat(config.path("Labels").path("com.linkwithmentor.health.readiness").asString())
                .as("health check label (OCI has no HEALTHCHECK)").isEqualTo("/actuator/health/readiness");

        // Layers: each blob is what the manifest says, each diff id what the config says.
        List<String> diffIds = strings(image.path("rootfs").path("diff_ids"));
        JsonNode layers = manifest.path("layers");
        assertThat(layers.size()).as("layers in the manifest and diff ids in the config").isEqualTo(diffIds.size());
        List<String> comments = new ArrayList<>();
        image.path("history").forEach(entry -> {
            if (!entry.path("empty_layer").asBoolean()) {
                comments.add(entry.path("comment").asString(entry.path("created_by").asString()));
            }
        });
        assertThat(comments).as("history of the layers").hasSize(layers.size());
        Map<String, Set<String>> contents = new LinkedHashMap<>();
        Map<String, Tar.Entry> entries = new LinkedHashMap<>();
        Map<String, byte[]> small = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String digest = layers.path(i).path("digest").asString();
            Tar.Member member = members.get("blobs/sha256/" + hex(digest));
            assertThat(member).as("blob %s", digest).isNotNull();
            // The base layers are the same blobs in every image: read (and hash) each once.
            Layer layer = LAYERS.computeIfAbsent(digest, key -> Layer.read(tar, member));
            soft.assertThat(layer.digest()).as("layer %d blob digest", i).isEqualTo(digest);
            soft.assertThat(layer.diffId()).as("layer %d diff id", i).isEqualTo(diffIds.get(i));
            entries.putAll(layer.entries());
            small.putAll(layer.small());
            contents.computeIfAbsent(comments.get(i), key -> new TreeSet<>()).addAll(layer.entries().keySet());
        }

        // The application's layers, in an order that puts what changes most on top.
        List<String> jib = comments.stream().filter(contents::containsKey)
                .filter(comment -> List.of("dependencies", "snapshot dependencies", "project dependencies", "resources", "classes",
                        "jvm arg files", "extra files").contains(comment)).toList();
        soft.assertThat(jib).as("Jib's layers").containsSubsequence("dependencies", "resources", "classes");
        soft.assertThat(jib.indexOf("classes")).as("classes above every dependency layer")
                .isGreaterThan(Math.max(jib.indexOf("dependencies"), Math.max(jib.indexOf("snapshot dependencies"), jib.indexOf("project dependencies"))));
        Set<String> classFiles = files(contents.get("classes"), entries);
        soft.assertThat(classFiles).as("classes layer").isNotEmpty().allMatch(name -> name.startsWith("app/classes/"))
                .contains("app/classes/" + mainClass.replace('.', '/') + ".class");
        soft.assertThat(files(contents.get("dependencies"), entries)).as("dependencies layer: released jars only")
                .isNotEmpty().allMatch(name -> name.startsWith("app/libs/") && name.endsWith(".jar") && !name.contains("-SNAPSHOT"));
        if (FLEET.read(service.module() + "/pom.xml").contains("<artifactId>common-lib</artifactId>")) {
            soft.assertThat(files(contents.get("project dependencies"), entries)).as("project dependencies layer: the fleet's own modules")
                    .anyMatch(name -> name.matches("app/libs/common-lib-.*\\.jar"));
        }
        soft.assertThat(files(contents.get("resources"), entries)).as("resources layer").contains("app/resources/application.yml");
        String ownPackage = "app/classes/" + mainClass.substring(0, mainClass.lastIndexOf('.')).replace('.', '/') + "/";
        contents.forEach((comment, names) -> {
            if (!comment.equals("classes")) {
                soft.assertThat(names).as("only the classes layer holds the service's classes (%s)", comment)
                        .noneMatch(name -> name.startsWith(ownPackage));
            }
        });
        soft.assertThat(new String(small.getOrDefault("app/jib-main-class-file", new byte[0]), StandardCharsets.UTF_8).strip())
                .as("jib-main-class-file").isEqualTo(mainClass);
        soft.assertThat(entries).as("the health probe").containsKey("opt/lwm/probe/HealthProbe.class");

        // The offline base: a jlink runtime, the non-root user, a writable /tmp; the media tools where used.
        boolean offlineBase = comments.stream().anyMatch(comment -> comment.contains("deploy/images/build-base.sh"));
        if (offlineBase) {
            soft.assertThat(entries).as("the jlink runtime").containsKey("opt/java/bin/java").containsKey("opt/java/lib/modules");
            soft.assertThat(entries.get("opt/java/bin/java").mode() & 0111).as("java is executable").isNotZero();
            soft.assertThat(new String(small.getOrDefault("etc/passwd", new byte[0]), StandardCharsets.UTF_8))
                    .as("/etc/passwd").contains("nonroot:x:65532:65532:");
            soft.assertThat(entries.get("tmp")).as("/tmp").isNotNull();
            if (entries.get("tmp") != null) {
                soft.assertThat(entries.get("tmp").mode() & 01777).as("/tmp is world-writable and sticky").isEqualTo(01777);
            }
            if (FLEET.usesMediaTools(service) && mediaToolsWereInstalled()) {
                soft.assertThat(entries).as("media tools").containsKeys("usr/bin/ffmpeg", "usr/bin/ffprobe", "usr/bin/tesseract");
            }
        }
        soft.assertAll();
    }

    private static final Map<String, Layer> LAYERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One layer blob, read: its digests, its members, and the few small files the checks read. */
    private record Layer(String digest, String diffId, Map<String, Tar.Entry> entries, Map<String, byte[]> small) {

        static Layer read(Path tar, Tar.Member member) {
            MessageDigest compressed = sha256();
            MessageDigest uncompressed = sha256();
            Map<String, Tar.Entry> entries = new LinkedHashMap<>();
            Map<String, byte[]> small;
            try (InputStream in = new DigestInputStream(new GZIPInputStream(new DigestInputStream(Tar.open(tar, member), compressed)), uncompressed)) {
                small = Tar.read(in, entry -> Set.of("etc/passwd", "app/jib-main-class-file").contains(entry.name()),
                        entry -> entries.put(entry.name(), entry));
                in.transferTo(OutputStreamSink.INSTANCE);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return new Layer("sha256:" + HexFormat.of().formatHex(compressed.digest()),
                    "sha256:" + HexFormat.of().formatHex(uncompressed.digest()), entries, small);
        }
    }

    /** The build machine had ffmpeg and tesseract when the base was made (build-base.sh records it). */
    private static boolean mediaToolsWereInstalled() {
        Path inputs = FLEET.path("target/images/base.inputs");
        try {
            return Files.isRegularFile(inputs) && Files.readString(inputs).contains("media=true");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Set<String> files(Set<String> names, Map<String, Tar.Entry> entries) {
        Set<String> files = new TreeSet<>();
        if (names != null) {
            names.stream().filter(name -> entries.get(name) != null && entries.get(name).isFile()).forEach(files::add);
        }
        return files;
    }

    private static byte[] blob(Path tar, Map<String, Tar.Member> members, String digest) throws IOException {
        Tar.Member member = members.get("blobs/sha256/" + hex(digest));
        assertThat(member).as("blob %s", digest).isNotNull();
        byte[] bytes = bytes(tar, member);
        assertThat("sha256:" + HexFormat.of().formatHex(sha256().digest(bytes))).as("digest of %s", digest).isEqualTo(digest);
        return bytes;
    }

    private static byte[] bytes(Path tar, Tar.Member member) throws IOException {
        try (InputStream in = Tar.open(tar, member)) {
            return in.readAllBytes();
        }
    }

    private static String hex(String digest) {
        assertThat(digest).startsWith("sha256:");
        return digest.substring("sha256:".length());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(item.asString()));
        return values;
    }

    /** Drains what follows the last member (the tar's end blocks) so the digests cover every byte. */
    private static final class OutputStreamSink extends java.io.OutputStream {

        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
