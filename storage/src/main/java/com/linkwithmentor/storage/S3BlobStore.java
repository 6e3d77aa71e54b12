package com.linkwithmentor.storage;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2...), for installs where several
 * instances share storage or a CDN serves it. Byte ranges are S3 ranged GETs.
 */
public class S3BlobStore implements BlobStore {

    private final S3Client s3;

    private final String bucket;

    public S3BlobStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public BlobInfo put(String key, InputStream content, long length, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(BlobKeys.require(key)).contentType(contentType)
            .contentLength(length), RequestBody.fromInputStream(content, length));
        return stat(key).orElseThrow(() -> new IllegalStateException("Stored " + key + " but cannot see it"));
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(BlobKeys.require(key)));
            return Optional.of(new BlobInfo(key, head.contentLength(),
                    head.contentType() != null ? head.contentType() : "application/octet-stream", head.lastModified()));
        }
        catch (NoSuchKeyException ex) {
            return Optional.empty();
        }
        catch (S3Exception ex) {
            if (ex.statusCode() == 404) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return s3.getObject(request -> request.bucket(bucket).key(BlobKeys.require(key)));
        }
        catch (NoSuchKeyException ex) {
            throw new BlobNotFoundException(key);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(request -> request.bucket(bucket).key(BlobKeys.require(key))
                .range("bytes=" + offset + "-" + (offset + length - 1)));
        }
        catch (NoSuchKeyException ex) {
            throw new BlobNotFoundException(key);
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(BlobKeys.require(key)));
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        String checked = BlobKeys.requirePrefix(prefix);
        List<BlobInfo> found = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(checked).build();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            stat(object.key()).ifPresent(found::add);
        }
        return found;
    }
}
