package com.linkwithmentor.lecture.upload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface UploadRepository extends JpaRepository<Upload, UUID> {

    @Query("select u from Upload u where u.status = :status and u.expiresAt < :now")
    List<Upload> expired(UploadStatus status, Instant now);
}
