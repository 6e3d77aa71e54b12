package com.linkwithmentor.meeting.availability;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface AvailabilityRepository extends JpaRepository<Availability, UUID> {
}
