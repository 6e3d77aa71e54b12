package com.linkwithmentor.moderation;

import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.PolicyLoader;
import com.linkwithmentor.moderation.policy.PolicySource;

/** The bundled policy, loaded once per test JVM (building it takes most of a second). */
public final class TestPolicies {

    private static Policy bundled;

    private TestPolicies() {
    }

    public static synchronized Policy bundled() {
        if (bundled == null) {
            bundled = PolicyLoader.load(PolicySource.classpath("policies/v1"));
        }
        return bundled;
    }
}
