package com.linkwithmentor.storage;

/** No file is stored under the key; services answer it with a 404. */
public class BlobNotFoundException extends RuntimeException {

    public BlobNotFoundException(String key) {
        super("No stored file " + key);
    }
}
