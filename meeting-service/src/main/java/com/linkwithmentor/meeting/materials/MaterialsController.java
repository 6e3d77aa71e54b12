package com.linkwithmentor.meeting.materials;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.tika.Tika;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.meeting.session.SessionAccess;
import com.linkwithmentor.meeting.web.CleanText;
import com.linkwithmentor.storage.BlobNotFoundException;
import com.linkwithmentor.storage.BlobStore;

/**
 * Materials of a session, for its participants: upload ({@code multipart/form-data}, part
 * {@code file}), list, download, and delete (by whoever uploaded it). The type a file is stored
 * and served as is what its first bytes say; a type not on the allowed list is a 415.
 */
@RestController
class MaterialsController {

    private static final Tika TIKA = new Tika();

    private final MaterialRepository materials;

    private final BlobStore blobs;

    private final SessionAccess sessions;

    private final MaterialsProperties properties;

    private final Clock clock;

    MaterialsController(MaterialRepository materials, BlobStore blobs, SessionAccess sessions, MaterialsProperties properties,
            Clock clock) {
        this.materials = materials;
        this.blobs = blobs;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    record MaterialView(UUID materialId, UUID sessionId, UUID uploadedBy, String filename, String contentType, long sizeBytes,
            String sha256, Instant createdAt, String href) {

        static MaterialView of(MaterialRepository.Material material) {
            return new MaterialView(material.materialId(), material.sessionId(), material.uploadedBy(), material.filename(),
                    material.contentType(), material.sizeBytes(), material.sha256(), material.createdAt(),
                    "/api/v1/sessions/" + material.sessionId() + "/materials/" + material.materialId());
        }
    }

    @PostMapping(path = "/api/v1/sessions/{session_id}/materials", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<MaterialView> upload(@PathVariable("session_id") UUID sessionId,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file, CurrentUser caller) {
        sessions.requireWorkable(sessionId, caller.id());
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("file", "Send the file as the multipart part 'file'; it must not be empty");
        }
        long limit = properties.maxBytes().toBytes();
        if (file.getSize() > limit) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A material may be at most " + limit + " bytes",
                    Map.of("field", "file", "limit_bytes", limit));
        }
        if (materials.count(sessionId) >= properties.maxPerSession()) {
            throw new ApiException(ErrorCode.CONFLICT, "A session holds at most " + properties.maxPerSession() + " materials",
                    Map.of("reason", "too_many_materials"));
        }
        String filename = filename(file.getOriginalFilename());
        String type = sniff(file);
        if (!properties.allowedTypes().contains(type)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Files of this kind cannot be shared here",
                    Map.of("field", "file", "detected_type", type, "allowed_types", properties.allowedTypes()));
        }
        UUID materialId = UUID.randomUUID();
        String key = "sessions/" + sessionId + "/materials/" + materialId;
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(file.getInputStream(), sha256)) {
            blobs.put(key, in, file.getSize(), type);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        MaterialRepository.Material material = new MaterialRepository.Material(materialId, sessionId, caller.id(), filename,
                type, file.getSize(), HexFormat.of().formatHex(sha256.digest()), key, clock.instant());
        try {
            materials.insert(material);
        }
        catch (RuntimeException ex) {
            blobs.delete(key);
            throw ex;
        }
        return ResponseEntity.status(201).header(HttpHeaders.LOCATION, MaterialView.of(material).href())
            .body(MaterialView.of(material));
    }

    @GetMapping("/api/v1/sessions/{session_id}/materials")
    List<MaterialView> list(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        sessions.requireParticipant(sessionId, caller.id());
        return materials.ofSession(sessionId).stream().map(MaterialView::of).toList();
    }

    @GetMapping("/api/v1/sessions/{session_id}/materials/{material_id}")
    ResponseEntity<InputStreamResource> download(@PathVariable("session_id") UUID sessionId,
            @PathVariable("material_id") UUID materialId, CurrentUser caller) {
        sessions.requireParticipant(sessionId, caller.id());
        MaterialRepository.Material material = materials.find(sessionId, materialId)
            .orElseThrow(() -> ApiException.notFound("Material"));
        InputStream content;
        try {
            content = blobs.open(material.storageKey());
        }
        catch (BlobNotFoundException ex) {
            throw ApiException.notFound("Material");
        }
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(material.contentType()))
            .contentLength(material.sizeBytes())
            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + material.filename().replaceAll("[^A-Za-z0-9._ -]", "_")
                    + "\"; filename*=UTF-8''" + URLEncoder.encode(material.filename(), StandardCharsets.UTF_8).replace("+", "%20"))
            .header("X-Content-Type-Options", "nosniff")
            .header(HttpHeaders.ETAG, "\"" + material.sha256() + "\"")
            .body(new InputStreamResource(content));
    }

    @DeleteMapping("/api/v1/sessions/{session_id}/materials/{material_id}")
    ResponseEntity<Void> delete(@PathVariable("session_id") UUID sessionId, @PathVariable("material_id") UUID materialId,
            CurrentUser caller) {
        sessions.requireParticipant(sessionId, caller.id());
        MaterialRepository.Material material = materials.find(sessionId, materialId)
            .orElseThrow(() -> ApiException.notFound("Material"));
        if (!material.uploadedBy().equals(caller.id())) {
            throw ApiException.forbidden("Only whoever uploaded a material deletes it");
        }
        materials.delete(materialId);
        blobs.delete(material.storageKey());
        return ResponseEntity.noContent().build();
    }

    /** What the first bytes are, as Tika reads them; the name and the client's Content-Type play no part. */
    private static String sniff(MultipartFile file) {
        try (InputStream in = new BufferedInputStream(file.getInputStream())) {
            return TIKA.detect(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The name's last segment, as sent but without paths or control characters; NUL or broken UTF-16 is a 400. */
    static String filename(@Nullable String original) {
        if (original == null || original.isBlank()) {
            return "file";
        }
        CleanText.require("file", original);
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1)
            .replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "file";
        }
        if (name.length() <= 200) {
            return name;
        }
        int cut = name.length() - 200;
        return name.substring(Character.isLowSurrogate(name.charAt(cut)) ? cut + 1 : cut);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
