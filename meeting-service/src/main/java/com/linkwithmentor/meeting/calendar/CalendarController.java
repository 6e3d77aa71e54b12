package com.linkwithmentor.meeting.calendar;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.meeting.session.SessionAccess;

/**
 * A user's private feed and one session's calendar file. The feed is the one public endpoint of
 * this service: calendar apps cannot send tokens, so its unguessable name is the credential, and
 * its owner can replace it ({@code POST /api/v1/calendar/rotate}) or switch it off.
 */
@RestController
class CalendarController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private static final Pattern FEED_FILE = Pattern.compile("([A-Za-z0-9_-]{43})\\.ics");

    private final CalendarFeeds feeds;

    private final SessionAccess sessions;

    private final CalendarProperties properties;

    private final Clock clock;

    CalendarController(CalendarFeeds feeds, SessionAccess sessions, CalendarProperties properties, Clock clock) {
        this.feeds = feeds;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    record FeedStatus(boolean active, @Nullable Instant createdAt) {
    }

    record Feed(String feedUrl, Instant createdAt) {
    }

    /** Whether the caller has a feed (its link is shown only when it is made). */
    @GetMapping("/api/v1/calendar")
    FeedStatus status(CurrentUser caller) {
        Instant created = feeds.createdAt(caller.id()).orElse(null);
        return new FeedStatus(created != null, created);
    }

    /** A new feed link for the caller; the previous one stops working. */
    @PostMapping("/api/v1/calendar/rotate")
    ResponseEntity<Feed> rotate(CurrentUser caller) {
        Instant now = clock.instant();
        String token = feeds.rotate(caller.id(), now);
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore())
            .body(new Feed(URI.create(properties.publicBaseUrl() + "/api/v1/calendar/" + token + ".ics").toString(), now));
    }

    @DeleteMapping("/api/v1/calendar")
    ResponseEntity<Void> revoke(CurrentUser caller) {
        feeds.revoke(caller.id());
        return ResponseEntity.noContent().build();
    }

    /** The feed: every session of its owner from {@code past-days} ago on. Unknown or malformed names are 404. */
    @PublicEndpoint
    @GetMapping("/api/v1/calendar/{file}")
    ResponseEntity<String> feed(@PathVariable("file") String file) {
        java.util.regex.Matcher matcher = FEED_FILE.matcher(file);
        if (!matcher.matches()) {
            throw ApiException.notFound("Calendar");
        }
        UUID owner = feeds.owner(matcher.group(1)).orElseThrow(() -> ApiException.notFound("Calendar"));
        List<SessionAccess.CalendarEntry> entries = sessions.calendarOf(owner,
                clock.instant().minus(Duration.ofDays(properties.pastDays())), properties.maxEvents());
        return ResponseEntity.ok().contentType(TEXT_CALENDAR)
            .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
            .header("X-Robots-Tag", "noindex")
            .body(IcsWriter.write("LinkWithMentor sessions", entries));
    }

    /** One session as a calendar file, for its participants. */
    @GetMapping("/api/v1/sessions/{session_id}/ics")
    ResponseEntity<String> session(@PathVariable("session_id") UUID sessionId, CurrentUser caller) {
        SessionAccess.CalendarEntry entry = sessions.calendarEntry(sessionId, caller.id());
        return ResponseEntity.ok().contentType(TEXT_CALENDAR)
            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"session-" + sessionId + ".ics\"")
            .body(IcsWriter.write("LinkWithMentor session", List.of(entry)));
    }
}
