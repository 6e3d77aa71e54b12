package com.linkwithmentor.chat.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How large a group or session conversation may grow. */
@ConfigurationProperties("lwm.chat.conversations")
public record ConversationProperties(@DefaultValue("500") int maxMembers) {
}
