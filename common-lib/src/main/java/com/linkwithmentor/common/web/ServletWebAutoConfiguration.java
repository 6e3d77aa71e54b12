package com.linkwithmentor.common.web;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import com.fasterxml.jackson.annotation.Nulls;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.linkwithmentor.common.error.ApiErrorController;
import com.linkwithmentor.common.error.ApiExceptionHandler;
import com.linkwithmentor.common.input.ApiErrorReportValve;
import com.linkwithmentor.common.input.BoundedConverters;
import com.linkwithmentor.common.input.RequestTextFilter;
import com.linkwithmentor.common.input.StrictInputModule;

import tools.jackson.databind.json.JsonMapper;

/**
 * Request ids, the input rules ({@code common.input}), the error handler and the error controller
 * for every servlet service.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@Import({ ApiExceptionHandler.class, ApiErrorController.class })
public class ServletWebAutoConfiguration {

    /** The drain before a graceful shutdown; its filter runs first so every response while draining says so. */
    @Bean
    ShutdownDrain lwmShutdownDrain(Environment environment) {
        return new ShutdownDrain(environment.getProperty("lwm.shutdown.drain-delay", Duration.class, Duration.ZERO));
    }

    @Bean
    FilterRegistrationBean<ShutdownDrain> lwmShutdownDrainFilter(ShutdownDrain drain) {
        FilterRegistrationBean<ShutdownDrain> registration = new FilterRegistrationBean<>(drain);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the request id: nothing else reads a path or parameter that breaks the input rules. */
    @Bean
    FilterRegistrationBean<RequestTextFilter> requestTextFilter(JsonMapper json) {
        FilterRegistrationBean<RequestTextFilter> registration = new FilterRegistrationBean<>(new RequestTextFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** The input rules on every JSON body, and a null inside a list or map is an error, not an element. */
    @Bean
    JsonMapperBuilderCustomizer strictInput() {
        return builder -> builder.addModule(new StrictInputModule())
            .changeDefaultNullHandling(handling -> handling.withContentNulls(Nulls.FAIL));
    }

    @Bean
    WebMvcConfigurer boundedParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                BoundedConverters.register(registry);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class TomcatErrors {

        /** Requests Tomcat refuses before any servlet runs get the ApiError body too, not its HTML page. */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                }
            });
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestClientCustomizer.class)
    static class OutgoingCalls {

        @Bean
        RestClientCustomizer outgoingCallHeaders() {
            return builder -> builder.requestInterceptor(new OutgoingCallHeaders());
        }
    }
}
