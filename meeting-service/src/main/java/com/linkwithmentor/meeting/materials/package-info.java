/**
 * Session materials: files a participant uploads to a session (multipart, size-limited, type
 * sniffed from the bytes with Apache Tika, never taken from the name or the client's header),
 * stored through the storage module's {@code BlobStore} (local disk by default, S3-compatible when
 * configured) under {@code sessions/{session_id}/materials/{material_id}}, and downloaded by
 * either participant. Persistence: JdbcClient (one metadata table).
 */
@NullMarked
package com.linkwithmentor.meeting.materials;

import org.jspecify.annotations.NullMarked;
