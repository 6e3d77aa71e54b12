package com.linkwithmentor.meeting.materials;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** How large a material may be, how many a session holds, and which sniffed types are accepted. */
@ConfigurationProperties("lwm.meeting.materials")
public record MaterialsProperties(@DefaultValue("10MB") DataSize maxBytes, @DefaultValue("50") int maxPerSession,
        @DefaultValue({ "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain" })
        List<String> allowedTypes) {
}
