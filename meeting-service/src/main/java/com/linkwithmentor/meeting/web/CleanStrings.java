package com.linkwithmentor.meeting.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.linkwithmentor.common.error.ApiException;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every string field of every request body goes through one check as it is read (issue 19's "decide
 * once, at the edge"): NUL characters and unpaired surrogates are a 400 naming the field, before any
 * code, let alone SQL, sees them.
 */
@Configuration(proxyBeanMethods = false)
class CleanStrings {

    @Bean
    JacksonModule cleanStringsModule() {
        return new SimpleModule("meeting-clean-strings").addDeserializer(String.class, new CleanStringDeserializer());
    }

    static final class CleanStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && !CleanText.isClean(value)) {
                String field = field(parser.streamReadContext().pathAsPointer());
                throw ApiException.badRequest(field, "Field '" + field + "' " + CleanText.PROBLEM);
            }
            return value;
        }

        /** {@code /weekly/0/day} as the client would name it: {@code weekly[0].day}. */
        static String field(JsonPointer pointer) {
            StringBuilder name = new StringBuilder();
            JsonPointer current = pointer;
            while (current != null && !current.matches()) {
                if (current.mayMatchElement() && !current.mayMatchProperty()) {
                    name.append('[').append(current.getMatchingIndex()).append(']');
                }
                else {
                    if (!name.isEmpty()) {
                        name.append('.');
                    }
                    name.append(current.getMatchingProperty());
                }
                current = current.tail();
            }
            return name.toString();
        }
    }
}
