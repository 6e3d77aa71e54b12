package com.linkwithmentor.meeting.notes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long notes may be, in characters. */
@ConfigurationProperties("lwm.meeting.notes")
public record NotesProperties(@DefaultValue("100000") int maxChars) {
}
