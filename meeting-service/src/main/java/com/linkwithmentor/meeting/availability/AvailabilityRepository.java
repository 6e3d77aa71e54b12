package com.linkwithmentor.meeting.availability;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AvailabilityRepository extends JpaRepository<Availability, UUID> {

    /** The aggregate's version alone: one small read that tells whether a cached copy is still the one stored. */
    @Query("select a.version from Availability a where a.mentorId = :id")
    Optional<Long> versionOf(@Param("id") UUID mentorId);
}
