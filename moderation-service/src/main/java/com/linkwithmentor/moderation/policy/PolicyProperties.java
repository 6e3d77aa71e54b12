package com.linkwithmentor.moderation.policy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the moderation policy comes from: an operator's folder ({@code policy-dir}, watched for
 * changes unless {@code watch-policy-dir} is false) or, when that is blank, the version bundled
 * in the jar ({@code bundled-policy}, a classpath folder).
 */
@ConfigurationProperties("lwm.moderation")
public record PolicyProperties(
        @DefaultValue("") String policyDir,
        @DefaultValue("policies/v1") String bundledPolicy,
        @DefaultValue("true") boolean watchPolicyDir,
        @DefaultValue("300ms") Duration watchSettle) {

    public boolean external() {
        return !policyDir.isBlank();
    }
}
