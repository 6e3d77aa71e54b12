package com.linkwithmentor.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

class PageCursorTests {

    @Test
    void aCursorRoundTripsItsParts() {
        Instant at = Instant.parse("2026-11-24T10:15:30.123456Z");
        UUID id = UUID.randomUUID();
        String cursor = PageCursor.encode(at, id);

        assertThat(cursor).doesNotContain("|", "=", "+", "/");
        assertThat(PageCursor.decode(cursor, 2)).containsExactly(at.toString(), id.toString());
        Instant decoded = PageCursor.decode(cursor, 2, parts -> Instant.parse(parts[0]));
        assertThat(decoded).isEqualTo(at);
    }

    @Test
    void anythingElseIsA400NamingTheCursor() {
        String wrongShape = PageCursor.encode("only-one-part");
        String unparsable = PageCursor.encode("not-an-instant", UUID.randomUUID());
        String notBase64 = "%%%";
        String foreign = Base64.getUrlEncoder().encodeToString("a|b|c".getBytes());

        for (String bad : new String[] { wrongShape, notBase64, foreign }) {
            assertThatThrownBy(() -> PageCursor.decode(bad, 2)).isInstanceOfSatisfying(ApiException.class,
                    ex -> assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        }
        assertThatThrownBy(() -> PageCursor.decode(unparsable, 2, parts -> Instant.parse(parts[0])))
            .isInstanceOf(ApiException.class).hasMessageContaining("cursor");
    }
}
