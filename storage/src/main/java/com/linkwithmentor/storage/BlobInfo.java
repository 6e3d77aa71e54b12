package com.linkwithmentor.storage;

import java.time.Instant;

/** What the store knows of one stored file. */
public record BlobInfo(String key, long length, String contentType, Instant lastModified) {
}
