package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;

/**
 * A hostile-input probe of every endpoint this service has (read from its handler mappings, so a
 * new endpoint is covered without being listed): junk and wrong-typed bodies, NUL and unpaired
 * surrogates, nulls in lists, absurd numbers and instants in parameters and cursors, bad ids,
 * wrong content types. Every answer must be below 500, and every error an ApiError that names no
 * class. (Percent-encoded NUL, slashes or broken UTF-8 in a path are refused by Tomcat before the
 * service, with Tomcat's own page: a fleet-wide matter left to the edge work of issue 19.)
 */
class BadInputTests {

    private static final List<String> BODIES = List.of("not json", "[]", "null", "{\"a\":", "123", "\"text\"",
            "{\"title\":\"\\u0000\",\"content\":\"\\u0000\",\"reason\":\"\\u0000\",\"timezone\":\"\\u0000\"}",
            "{\"title\":\"\\uD800\",\"content\":\"\\uDC00x\",\"rrule\":\"\\uD800\"}",
            "{\"weekly\":[null],\"session_lengths_minutes\":[null],\"elements\":[null],\"ops\":[null]}",
            "{\"scheduled_start\":1e999999,\"scheduled_end\":\"+1000000000-01-01T00:00:00Z\",\"version\":1e999999,"
                    + "\"horizon_days\":-1e308,\"mentor_id\":\"\\u0000\"}",
            "{\"mentor_id\":[],\"mentee_id\":{},\"recurrence\":\"weekly\",\"scope\":42,\"ops\":\"all\",\"elements\":7}",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"title\":\"" + "x".repeat(300_000) + "\"}");

    private static final List<String> QUERIES = List.of("from=%2B1000000000-01-01T00:00:00Z", "to=1e999999",
            "limit=1e999999", "limit=-5", "cursor=%FF%FE", "cursor=" + com.linkwithmentor.common.web.PageCursor.encode(
                    "+1000000000-01-01T00:00:00Z", "x"), "duration_minutes=99999999999", "status=%00", "as=%E2%82",
            "from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api api = cluster.api(0);

    @Test
    void everyEndpointAnswersBadInputWithAClean4xx() {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(40, 10), api.slot(40, 11));
        Map<String, String> ids = Map.of("session_id", session.toString(), "mentor_id", mentor.id().toString(), "material_id",
                UUID.randomUUID().toString(), "file", "x".repeat(43) + ".ics");
        RequestMappingHandlerMapping mapping = cluster.context(0).getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        int requests = 0;
        List<String> failures = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    List<String> paths = paths(pattern, ids);
                    boolean writes = method == RequestMethod.POST || method == RequestMethod.PUT;
                    for (String token : List.of(mentee.token(), mentor.token())) {
                        requests += probe(method.name(), paths.get(0), writes ? "{}" : null, token, failures);
                        if (!writes) {
                            for (String query : QUERIES) {
                                requests += probe(method.name(), paths.get(0) + "?" + query, null, token, failures);
                            }
                        }
                        else {
                            for (String body : BODIES) {
                                requests += probe(method.name(), paths.get(0), body, token, failures);
                            }
                            requests += probe(method.name(), paths.get(0), "title=x", token, failures, "text/plain");
                        }
                    }
                    for (String path : paths.subList(1, paths.size())) {
                        requests += probe(method.name(), path, writes ? "{}" : null, mentee.token(), failures);
                    }
                }
            }
        }
        assertThat(requests).isGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    private static List<String> paths(String pattern, Map<String, String> ids) {
        List<String> paths = new ArrayList<>();
        Map<String, String> real = new LinkedHashMap<>(ids);
        String valid = pattern;
        for (Map.Entry<String, String> id : real.entrySet()) {
            valid = valid.replace("{" + id.getKey() + "}", id.getValue());
        }
        paths.add(valid);
        if (pattern.contains("{")) {
            paths.add(pattern.replaceAll("\\{[^}]+}", "not-a-uuid"));
            paths.add(pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
            paths.add(pattern.replaceAll("\\{[^}]+}", "x".repeat(300)));
        }
        return paths;
    }

    private int probe(String method, String path, String body, String token, List<String> failures) {
        return probe(method, path, body, token, failures, "application/json");
    }

    private int probe(String method, String path, String body, String token, List<String> failures, String contentType) {
        Api.Reply reply = api.call(method, path, body, token, body == null ? Map.of() : Map.of("Content-Type", contentType));
        String what = method + " " + path + (body == null ? "" : " <" + body.substring(0, Math.min(60, body.length())) + ">");
        if (reply.status() >= 500) {
            failures.add(what + " -> " + reply.status() + " " + reply.raw());
        }
        else if (reply.status() >= 400) {
            String type = reply.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json") || reply.body().path("error_code").asString().isBlank()
                    || reply.body().path("request_id").asString().isBlank()) {
                failures.add(what + " -> " + reply.status() + " is not an ApiError: " + reply.raw());
            }
            else if (reply.raw().contains("Exception") || reply.raw().contains("org.springframework") || reply.raw().contains("java.")) {
                failures.add(what + " -> " + reply.status() + " names a class: " + reply.raw());
            }
        }
        return 1;
    }
}
