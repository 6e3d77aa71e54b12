package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Seeds 100,000 mentors and measures, over real HTTP, login and mentor-search latency, and prints
 * the query plans. Not part of the default run: {@code ./fleet bench user-service}.
 */
@Tag("benchmark")
@UserServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MentorSearchBenchmark {

    static final int MENTORS = 100_000;

    static final List<String> SEARCHES = List.of(
            "/api/v1/mentors",
            "/api/v1/mentors?specialization=java",
            "/api/v1/mentors?specialization=python&max_hourly_rate=1500&min_rating=4",
            "/api/v1/mentors?q=kafka",
            "/api/v1/mentors?q=machine%20learning&accepting_mentees=true",
            "/api/v1/mentors?q=react&sort=rate",
            "/api/v1/mentors?min_experience=10&sort=rate",
            "/api/v1/mentors?q=asha",
            "/api/v1/mentors?q=mentor4242");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    Api api;

    String token;

    @BeforeAll
    void seed() {
        api = new Api(port);
        long started = System.nanoTime();
        String hash = passwords.encode("bench-password-1");
        jdbc.sql("""
                INSERT INTO users (username, email, roles, hashed_password, email_verified)
                SELECT 'mentor' || i, 'mentor' || i || '@bench.example', '{mentor}', :hash, true
                FROM generate_series(1, :n) AS i
                """).param("hash", hash).param("n", MENTORS).update();
        jdbc.sql("""
                INSERT INTO profiles (user_id, display_name, bio)
                SELECT u.user_id,
                       (ARRAY['Asha','Ravi','Meera','Karan','Priya','Arjun','Divya','Vikram'])[1 + i % 8] || ' ' || i,
                       'Mentor with experience in ' ||
                       (ARRAY['distributed systems','frontend craft','machine learning','data engineering',
                              'mobile apps','cloud infrastructure','interview prep','system design'])[1 + i % 8] ||
                       ' and ' || (ARRAY['kafka','react','pytorch','spark','kotlin','terraform','leetcode','postgres'])[1 + (i / 8) % 8]
                FROM (SELECT user_id, row_number() OVER (ORDER BY user_id) AS i FROM users WHERE email LIKE '%@bench.example') u
                """).update();
        jdbc.sql("""
                INSERT INTO mentor_profiles (user_id, headline, specializations, specialization_tags, hourly_rate,
                                             rating, years_of_experience, is_accepting_mentees)
                SELECT u.user_id, 'Senior engineer',
                       to_jsonb(ARRAY[s1, s2]), ARRAY[s1, s2],
                       (300 + (i * 37) % 2700)::numeric(10, 2), ((i * 13) % 500 / 100.0)::numeric(3, 2),
                       i % 25, i % 5 <> 0
                FROM (SELECT user_id, i,
                             (ARRAY['java','python','react','go','kotlin','rust','sql','aws'])[1 + i % 8] AS s1,
                             (ARRAY['system design','machine learning','devops','android','ios','security'])[1 + (i / 8) % 6] AS s2
                      FROM (SELECT user_id, row_number() OVER (ORDER BY user_id) AS i FROM users
                            WHERE email LIKE '%@bench.example') n) u
                """).update();
        jdbc.sql("SELECT refresh_mentor_search(NULL)").query().singleRow();
        // The steady state autovacuum reaches after a bulk load: statistics, visibility map, merged indexes.
        jdbc.sql("VACUUM ANALYZE").update();
        System.out.printf("Seeded %,d mentors in %.1f s%n", MENTORS, (System.nanoTime() - started) / 1e9);
        token = api.newUser().accessToken();
    }

    @Test
    void searchLatency() {
        for (String search : SEARCHES) {
            for (int i = 0; i < 20; i++) {
                api.get(search, token).expect(200);
            }
            long[] nanos = new long[200];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                api.get(search, token).expect(200);
                nanos[i] = System.nanoTime() - start;
            }
            Percentiles figures = Percentiles.of(nanos);
            System.out.printf("SEARCH %-75s %s%n", search, figures);
        }
        long[] all = new long[400];
        for (int i = 0; i < all.length; i++) {
            String search = SEARCHES.get(i % SEARCHES.size());
            long start = System.nanoTime();
            api.get(search, token).expect(200);
            all[i] = System.nanoTime() - start;
        }
        Percentiles mixed = Percentiles.of(all);
        System.out.println("SEARCH mixed                                                                       " + mixed);
        assertThat(mixed.count()).isEqualTo(400);
    }

    @Test
    void queryPlans() {
        explain("rating order, no filters", """
                SELECT mp.user_id FROM mentor_profiles mp JOIN users u ON u.user_id = mp.user_id
                WHERE u.status = 'active' AND 'mentor' = ANY (u.roles) AND mp.hourly_rate IS NOT NULL
                  AND mp.specialization_tags <> '{}' ORDER BY mp.rating DESC, mp.user_id LIMIT 21""");
        explain("full text 'machine learning', relevance tier 1 (name/headline/specializations)", """
                SELECT mp.user_id FROM mentor_profiles mp JOIN users u ON u.user_id = mp.user_id
                WHERE u.status = 'active' AND 'mentor' = ANY (u.roles) AND mp.hourly_rate IS NOT NULL
                  AND mp.specialization_tags <> '{}'
                  AND mp.search_primary @@ websearch_to_tsquery('english', 'machine learning')
                ORDER BY mp.rating DESC, mp.user_id LIMIT 21""");
        explain("full text 'kafka', relevance tier 2 (bio only)", """
                SELECT mp.user_id FROM mentor_profiles mp JOIN users u ON u.user_id = mp.user_id
                WHERE u.status = 'active' AND 'mentor' = ANY (u.roles) AND mp.hourly_rate IS NOT NULL
                  AND mp.specialization_tags <> '{}' AND mp.search_vector @@ websearch_to_tsquery('english', 'kafka')
                  AND NOT (mp.search_primary @@ websearch_to_tsquery('english', 'kafka'))
                ORDER BY mp.rating DESC, mp.user_id LIMIT 21""");
        explain("full text 'kafka', relevance tier 1 (no such matches)", """
                SELECT mp.user_id FROM mentor_profiles mp JOIN users u ON u.user_id = mp.user_id
                WHERE u.status = 'active' AND 'mentor' = ANY (u.roles) AND mp.hourly_rate IS NOT NULL
                  AND mp.specialization_tags <> '{}'
                  AND mp.search_primary @@ websearch_to_tsquery('english', 'kafka')
                ORDER BY mp.rating DESC, mp.user_id LIMIT 21""");
        explain("specialization 'java'", """
                SELECT mp.user_id FROM mentor_profiles mp JOIN users u ON u.user_id = mp.user_id
                WHERE u.status = 'active' AND 'mentor' = ANY (u.roles) AND mp.hourly_rate IS NOT NULL
                  AND mp.specialization_tags <> '{}' AND mp.specialization_tags @> ARRAY['java']
                ORDER BY mp.rating DESC, mp.user_id LIMIT 21""");
    }

    @Test
    void loginLatency() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            api.post("/api/v1/auth/login", Map.of("login", "mentor" + (i + 1), "password", "bench-password-1"), null)
                .expect(200);
            nanos[i] = System.nanoTime() - start;
        }
        System.out.println("LOGIN (Argon2id, 19 MiB, 2 passes)  " + Percentiles.of(nanos));
        long[] misses = new long[50];
        for (int i = 0; i < misses.length; i++) {
            long start = System.nanoTime();
            api.post("/api/v1/auth/login", Map.of("login", "nobody" + i, "password", "bench-password-1"), null)
                .expect(401);
            misses[i] = System.nanoTime() - start;
        }
        System.out.println("LOGIN unknown account (decoy hash)    " + Percentiles.of(misses));
    }

    private void explain(String title, String sql) {
        List<String> plan = jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql).query(String.class).list();
        System.out.println("PLAN " + title + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", plan));
        assertThat(plan).isNotEmpty();
    }
}
