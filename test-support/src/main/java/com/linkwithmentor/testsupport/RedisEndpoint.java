package com.linkwithmentor.testsupport;

/** Where a running Redis server answers, as a {@code redis://} URL. */
public record RedisEndpoint(String url) {
}
