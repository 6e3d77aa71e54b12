package com.linkwithmentor.payment.settlement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.payment.provider.PaymentProvider;
import com.linkwithmentor.payment.provider.Providers;
import com.linkwithmentor.payment.provider.WebhookRejectedException;

/**
 * Where providers report: public (a provider has no token), but nothing is read until the
 * provider's signature over the raw body verifies; an event is applied once however often it
 * comes. A 2xx tells the provider to stop retrying; a 4xx (forged, unknown provider) is final.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final Providers providers;

    private final PaymentStateMachine stateMachine;

    WebhookController(Providers providers, PaymentStateMachine stateMachine) {
        this.providers = providers;
        this.stateMachine = stateMachine;
    }

    @PostMapping("/api/v1/payments/webhooks/{provider}")
    @PublicEndpoint
    Map<String, Object> receive(@PathVariable("provider") String name, @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        PaymentProvider provider = providers.find(name)
            .orElseThrow(() -> ApiException.notFound("Payment provider '" + name.replaceAll("[^a-z0-9_-]", "") + "'"));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            headers.put(header.toLowerCase(Locale.ROOT), request.getHeader(header));
        }
        PaymentProvider.ProviderEvent event;
        try {
            event = provider.verifyWebhook(headers, body != null ? body : new byte[0]);
        }
        catch (WebhookRejectedException ex) {
            log.warn("Refused a {} webhook: {}", name, ex.getMessage());
            throw ApiException.unauthorized("The webhook signature does not verify");
        }
        PaymentStateMachine.Outcome outcome = stateMachine.apply(provider.name(), event);
        return Map.of("received", true, "outcome", outcome.name().toLowerCase(Locale.ROOT));
    }
}
