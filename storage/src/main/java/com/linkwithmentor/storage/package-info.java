/**
 * Stored files behind one interface, {@link com.linkwithmentor.storage.BlobStore}: session materials
 * (meeting-service) and lecture media (lecture-service). Local disk by default, an S3-compatible
 * bucket when {@code lwm.storage.type=s3}. Not in common-lib: only the services that keep files need it.
 */
@NullMarked
package com.linkwithmentor.storage;

import org.jspecify.annotations.NullMarked;
