package com.linkwithmentor.meeting.mentor;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.ServiceTokens;

/**
 * Answers "may this mentor be booked, and at what rate?" from the local copy, asking user-service
 * only when the copy does not know the mentor (no event seen yet). user-service being down or slow
 * makes such a booking a fast 503; mentors the copy knows are booked without it.
 */
@Service
public class MentorDirectory {

    static final String BREAKER = "user-service";

    private static final Logger log = LoggerFactory.getLogger(MentorDirectory.class);

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private static final BigDecimal MAX_RATE = new BigDecimal("9999999999.99");

    private final DirectoryRepository directory;

    private final UserServiceApi users;

    private final CircuitBreaker breaker;

    private final Clock clock;

    MentorDirectory(DirectoryRepository directory, UserServiceApi users, CircuitBreakerFactory<?, ?> breakers, Clock clock) {
        this.directory = directory;
        this.users = users;
        this.breaker = breakers.create(BREAKER);
        this.clock = clock;
    }

    /** The mentor, if they hold the mentor role, are not suspended and accept mentees: else 404 / 409 / 503. */
    public BookableMentor requireBookable(UUID mentorId) {
        DirectoryEntry entry = mentor(mentorId);
        if (!entry.acceptingMentees()) {
            throw new ApiException(ErrorCode.CONFLICT, "This mentor is not accepting mentees right now",
                    java.util.Map.of("mentor_id", mentorId.toString(), "reason", "not_accepting_mentees"));
        }
        return new BookableMentor(mentorId, entry.hourlyRate(), entry.currency());
    }

    /** A mentor's own rate, for a proposal they make (accepting mentees or not): else 404 / 503. */
    public BookableMentor requireMentor(UUID mentorId) {
        DirectoryEntry entry = mentor(mentorId);
        return new BookableMentor(mentorId, entry.hourlyRate(), entry.currency());
    }

    private DirectoryEntry mentor(UUID mentorId) {
        DirectoryEntry entry = directory.find(mentorId).filter(DirectoryEntry::answersForMentor)
            .orElseGet(() -> fetch(mentorId));
        if (entry.suspended() || !entry.isMentor()) {
            throw ApiException.notFound("Mentor");
        }
        return entry;
    }

    public boolean isSuspended(UUID userId) {
        return directory.find(userId).map(DirectoryEntry::suspended).orElse(false);
    }

    private DirectoryEntry fetch(UUID mentorId) {
        Optional<UserServiceApi.MentorProfile> profile = breaker.run(() -> {
            try {
                return Optional.of(users.mentorProfile(mentorId));
            }
            catch (HttpClientErrorException.NotFound ex) {
                return Optional.<UserServiceApi.MentorProfile>empty();
            }
        }, failure -> {
            log.warn("user-service could not tell about mentor {}: {}", mentorId, failure.toString());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The mentor's rate cannot be confirmed right now; try again shortly", java.util.Map.of("service", "user-service"));
        });
        if (profile.isEmpty()) {
            throw ApiException.notFound("Mentor");
        }
        UserServiceApi.MentorProfile found = profile.get();
        BigDecimal rate = rate(found.hourlyRate());
        String currency = currency(found.currency());
        directory.activeMentor(mentorId, rate, currency, found.isAcceptingMentees(), clock.instant());
        return new DirectoryEntry(mentorId, true, true, true, found.isAcceptingMentees(), rate, currency, false);
    }

    // --- facts from events.users and events.moderation (called by the inbound handlers) ---

    public void registered(UUID userId, boolean mentor) {
        directory.mentorRole(userId, mentor, clock.instant());
    }

    public void mentorRole(UUID userId, boolean enabled) {
        directory.mentorRole(userId, enabled, clock.instant());
    }

    public void mentorProfile(UUID userId, @Nullable BigDecimal hourlyRate, @Nullable String currency, boolean accepting) {
        directory.profile(userId, rate(hourlyRate), currency(currency), accepting, clock.instant());
    }

    public void suspended(UUID userId, boolean suspended) {
        directory.suspended(userId, suspended, clock.instant());
    }

    /** A rate the copy can hold, or none: negative or absurd values from elsewhere are not trusted. */
    static @Nullable BigDecimal rate(@Nullable BigDecimal rate) {
        if (rate == null || rate.signum() < 0 || rate.compareTo(MAX_RATE) > 0) {
            return null;
        }
        return rate.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    static String currency(@Nullable String currency) {
        String upper = currency == null ? "" : currency.trim().toUpperCase(Locale.ROOT);
        return CURRENCY.matcher(upper).matches() ? upper : "INR";
    }

    /** The HTTP client (own service token, timeouts) and the breaker around it. */
    @Configuration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        UserServiceApi userServiceApi(RestClient.Builder builder, UsersProperties properties, ServiceTokens serviceTokens) {
            RestClient client = builder.clone()
                .baseUrl(properties.url().toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                    .withTimeouts(properties.connectTimeout(), properties.timeout())))
                .requestInterceptor(serviceTokens.interceptor())
                .build();
            return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build()
                .createClient(UserServiceApi.class);
        }

        @Bean
        Customizer<Resilience4JCircuitBreakerFactory> userServiceBreaker(UsersProperties properties) {
            UsersProperties.CircuitBreaker settings = properties.circuitBreaker();
            return factory -> factory.configure(builder -> builder.circuitBreakerConfig(CircuitBreakerConfig.custom()
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .ignoreExceptions(HttpClientErrorException.class)
                .build()), BREAKER);
        }
    }
}
