package com.linkwithmentor.payment.provider;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * An HTTP client for one provider, with timeouts on every call, and the one mapping of failures:
 * unreachable, timed out, 5xx or 429 is "unavailable" (queue and retry), any other 4xx is "rejected".
 */
final class ProviderHttp {

    private ProviderHttp() {
    }

    static RestClient client(RestClient.Builder builder, String baseUrl, Duration connectTimeout, Duration timeout) {
        return builder.clone()
            .baseUrl(baseUrl)
            // HTTP/1.1: no h2c upgrade dance with gateways (or their recorded stand-ins) that refuse it.
            .requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(http -> http.version(java.net.http.HttpClient.Version.HTTP_1_1))
                .build(HttpClientSettings.defaults().withTimeouts(connectTimeout, timeout)))
            .build();
    }

    static <T> T call(String provider, Supplier<T> call) {
        try {
            return call.get();
        }
        catch (HttpStatusCodeException ex) {
            HttpStatusCode status = ex.getStatusCode();
            if (status.is5xxServerError() || status.value() == 429) {
                throw new ProviderUnavailableException(provider + " answered " + status.value(), ex);
            }
            throw new ProviderRejectedException(provider + " refused the request (" + status.value() + "): "
                    + abbreviate(ex.getResponseBodyAsString()));
        }
        catch (ResourceAccessException ex) {
            throw new ProviderUnavailableException(provider + " is unreachable: " + ex.getMessage(), ex);
        }
        catch (RestClientException ex) {
            throw new ProviderUnavailableException(provider + " gave an answer that could not be read: " + ex.getMessage(), ex);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
