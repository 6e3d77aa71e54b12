package com.linkwithmentor.lecture.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keys taken from URLs and playlists never leave the lecture's directory. */
class PlaylistsTests {

    @Test
    void dotSegmentsResolveAndNothingClimbsOutOfTheRoot() {
        assertThat(MediaKeys.normalize("lectures/a/b/./c.ts")).isEqualTo("lectures/a/b/c.ts");
        assertThat(MediaKeys.normalize("lectures/a/../b.ts")).isEqualTo("lectures/b.ts");
        assertThat(MediaKeys.normalize("../etc/passwd")).isNull();
        assertThat(MediaKeys.normalize("/etc/passwd")).isNull();
        assertThat(MediaKeys.normalize("lectures/a%2F..")).isNull();
        assertThat(MediaKeys.isRelative("https://evil.example/x.ts")).isFalse();
        assertThat(MediaKeys.isRelative("seg_00001.ts")).isTrue();
    }
}
