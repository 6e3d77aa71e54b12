package com.linkwithmentor.storage;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The fleet's storage variables ({@code LWM_STORAGE_TYPE}, {@code LWM_STORAGE_DIR}, {@code LWM_S3_*})
 * for every service using this module, at the lowest precedence so its own configuration wins.
 */
public class StorageEnvironment implements EnvironmentPostProcessor {

    static final Map<String, String> VARIABLES = Map.of(
            "LWM_STORAGE_TYPE", "lwm.storage.type",
            "LWM_STORAGE_DIR", "lwm.storage.local.root",
            "LWM_S3_ENDPOINT", "lwm.storage.s3.endpoint",
            "LWM_S3_REGION", "lwm.storage.s3.region",
            "LWM_S3_BUCKET", "lwm.storage.s3.bucket",
            "LWM_S3_ACCESS_KEY", "lwm.storage.s3.access-key",
            "LWM_S3_SECRET_KEY", "lwm.storage.s3.secret-key",
            "LWM_S3_CREATE_BUCKET", "lwm.storage.s3.create-bucket");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> values = new LinkedHashMap<>();
        VARIABLES.forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (value != null && !value.isBlank()) {
                values.put(property, value);
            }
        });
        environment.getPropertySources().addLast(new MapPropertySource("lwmStorageEnvironment", values));
    }
}
