package com.linkwithmentor.chat.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Message limits: length (in characters as people count them, i.e. code points), how fast one user
 * may send (a token bucket shared by all their connections), how many missed messages one resume
 * returns before the client asks for more, and how new messages are stored: at most {@code writeBatch}
 * per transaction, by {@code writeThreads} writers at once.
 */
@ConfigurationProperties("lwm.chat.messages")
public record MessageProperties(
        @DefaultValue("4000") int maxChars,
        @DefaultValue SendRate sendRate,
        @DefaultValue("200") int resumeBatch,
        @DefaultValue("200") int writeBatch,
        @DefaultValue("4") int writeThreads) {

    public record SendRate(@DefaultValue("20") int capacity, @DefaultValue("5") double perSecond) {
    }
}
