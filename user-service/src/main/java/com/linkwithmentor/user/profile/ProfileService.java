package com.linkwithmentor.user.profile;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.user.account.AccountChanged;
import com.linkwithmentor.user.account.AccountEvents;
import com.linkwithmentor.user.account.User;
import com.linkwithmentor.user.account.UserRepository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Profiles, with role-specific reads cached in Redis as the design describes
 * ({@code mentor_profile_cache:{id}} / {@code mentee_profile_cache:{id}}, field {@code profile},
 * one hour) and dropped after every committed write. A Redis outage only costs the cache.
 */
@Service
class ProfileService {

    private static final Logger log = LoggerFactory.getLogger(ProfileService.class);

    private static final Duration CACHE_TTL = Duration.ofHours(1);

    private final ProfileRepository profiles;

    private final UserRepository users;

    private final AccountEvents events;

    private final StatefulRedisConnection<String, String> redis;

    private final JsonMapper json;

    ProfileService(ProfileRepository profiles, UserRepository users, AccountEvents events,
            StatefulRedisConnection<String, String> redis, JsonMapper json) {
        this.profiles = profiles;
        this.users = users;
        this.events = events;
        this.redis = redis;
        this.json = json;
    }

    /** Every account gets a general profile, and each role its own profile to complete. */
    @EventListener
    void onAccountChanged(AccountChanged change) {
        switch (change) {
            case AccountChanged.Created created -> profiles.ensureGeneral(created.userId());
            case AccountChanged.RoleEnabled enabled when enabled.role() == Role.MENTOR -> {
                profiles.ensureGeneral(enabled.userId());
                profiles.ensureMentor(enabled.userId());
                evictAfterCommit(mentorKey(enabled.userId()));
            }
            case AccountChanged.RoleEnabled enabled when enabled.role() == Role.MENTEE ->
                profiles.ensureMentee(enabled.userId());
            default -> {
            }
        }
    }

    ProfileRepository.GeneralProfile general(UUID userId) {
        users.get(userId);
        return profiles.general(userId).orElseGet(() -> new ProfileRepository.GeneralProfile(userId, null, null, null));
    }

    @Transactional
    ProfileRepository.GeneralProfile updateGeneral(UUID userId, @Nullable String displayName, @Nullable String bio,
            @Nullable JsonNode paymentPreferences) {
        users.lock(userId);
        profiles.ensureGeneral(userId);
        profiles.updateGeneral(userId, displayName, bio, paymentPreferences);
        evictAfterCommit(mentorKey(userId));
        profiles.mentor(userId).ifPresent(view -> events.mentorProfileUpdated(userId, view));
        return profiles.general(userId).orElseThrow();
    }

    /** A mentor profile is visible while its owner holds the mentor role and is not suspended. */
    MentorProfileView mentor(UUID userId) {
        User user = users.get(userId);
        if (!user.hasRole(Role.MENTOR) || user.status() != User.Status.ACTIVE) {
            throw ApiException.notFound("Mentor profile");
        }
        return cached(mentorKey(userId), MentorProfileView.class, () -> profiles.mentor(userId))
            .orElseThrow(() -> ApiException.notFound("Mentor profile"));
    }

    @Transactional
    MentorProfileView updateMentor(UUID userId, MentorProfileRequest request) {
        User user = users.lock(userId);
        if (!user.hasRole(Role.MENTOR)) {
            throw ApiException.conflict("Enable the mentor role before writing a mentor profile");
        }
        profiles.ensureMentor(userId);
        profiles.updateMentor(userId, request);
        MentorProfileView view = profiles.mentor(userId).orElseThrow();
        events.mentorProfileUpdated(userId, view);
        evictAfterCommit(mentorKey(userId));
        return view;
    }

    MenteeProfileView mentee(UUID userId) {
        return cached(menteeKey(userId), MenteeProfileView.class, () -> profiles.mentee(userId))
            .orElseThrow(() -> ApiException.notFound("Mentee profile"));
    }

    @Transactional
    MenteeProfileView updateMentee(UUID userId, MenteeProfileRequest request) {
        User user = users.lock(userId);
        if (!user.hasRole(Role.MENTEE)) {
            throw ApiException.conflict("Enable the mentee role before writing a mentee profile");
        }
        profiles.ensureMentee(userId);
        profiles.updateMentee(userId, request);
        evictAfterCommit(menteeKey(userId));
        return profiles.mentee(userId).orElseThrow();
    }

    private <T> Optional<T> cached(String key, Class<T> type, Supplier<Optional<T>> load) {
        try {
            String hit = redis.sync().hget(key, "profile");
            if (hit != null) {
                return Optional.of(json.readValue(hit, type));
            }
        }
        catch (RedisException ex) {
            log.warn("Profile cache unavailable, reading the database: {}", ex.getMessage());
        }
        Optional<T> loaded = load.get();
        loaded.ifPresent(value -> {
            try {
                redis.sync().hset(key, "profile", json.writeValueAsString(value));
                redis.sync().expire(key, CACHE_TTL);
            }
            catch (RedisException ex) {
                log.debug("Could not fill the profile cache: {}", ex.getMessage());
            }
        });
        return loaded;
    }

    private void evictAfterCommit(String key) {
        Runnable evict = () -> {
            try {
                redis.sync().del(key);
            }
            catch (RedisException ex) {
                log.warn("Could not evict {} from the profile cache: {}", key, ex.getMessage());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evict.run();
                }
            });
        }
        else {
            evict.run();
        }
    }

    static String mentorKey(UUID userId) {
        return "mentor_profile_cache:" + userId;
    }

    static String menteeKey(UUID userId) {
        return "mentee_profile_cache:" + userId;
    }
}
