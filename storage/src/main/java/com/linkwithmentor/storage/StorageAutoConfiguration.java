package com.linkwithmentor.storage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** A {@link BlobStore} for a service that depends on this module, as {@code lwm.storage} says. */
@AutoConfiguration
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BlobStore blobStore(StorageProperties properties) {
        if (properties.type() == StorageProperties.Type.LOCAL) {
            return new LocalDiskBlobStore(properties.local().root());
        }
        StorageProperties.S3 settings = properties.s3();
        S3Client client = s3Client(settings);
        if (settings.createBucket()) {
            try {
                client.createBucket(request -> request.bucket(settings.bucket()));
            }
            catch (BucketAlreadyOwnedByYouException ex) {
                // There already, which is the usual case.
            }
        }
        return new S3BlobStore(client, settings.bucket());
    }

    static S3Client s3Client(StorageProperties.S3 settings) {
        AwsCredentialsProvider credentials = settings.accessKey().isBlank() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        S3ClientBuilder builder = S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }
}
