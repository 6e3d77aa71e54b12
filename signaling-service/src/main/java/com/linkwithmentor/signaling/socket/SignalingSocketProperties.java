package com.linkwithmentor.signaling.socket;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signaling's own limit beyond the socket layer's frame limits ({@code lwm.realtime}): session
 * descriptions (offers and answers, up to 64 KB each) per user per minute, across instances.
 */
@ConfigurationProperties("lwm.signaling.socket")
public record SignalingSocketProperties(@DefaultValue("60") int offersPerMinute) {
}
