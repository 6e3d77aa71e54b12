package com.linkwithmentor.sandbox;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code GET /v3/api-docs}: the sandbox's API as a provider publishes its own (a development tool,
 * not part of the platform's document at the gateway's {@code /api-docs}).
 */
@Configuration(proxyBeanMethods = false)
class SandboxApiDocument {

    @Bean
    OpenAPI sandboxOpenApi() {
        return new OpenAPI()
            .info(new Info().title("LinkWithMentor payment sandbox").version("v1")
                .description("A development stand-in for a payment gateway. `/v1/**` is the gateway API payment-service "
                        + "calls (`Authorization: Bearer <sandbox api key>`); `/control/**` steers outcomes, faults and "
                        + "webhook delivery (dev and tests only); `/pay/{ref}` is the page a payer sees. Errors are "
                        + "`{\"error\": {\"code\", \"description\"}}`, as a provider's are."))
            .components(new Components().addSecuritySchemes("sandbox_api_key",
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The sandbox API key (LWM_SANDBOX_API_KEY), on /v1/** only")));
    }
}
