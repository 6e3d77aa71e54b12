package com.linkwithmentor.common.observability;

import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Work a request hands to Boot's task executor ({@code @Async}, e.g. sending the verification mail
 * after a registration) keeps the request's trace and log context: its log lines name the same
 * trace and request id, and its spans join the trace.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnClass(ContextSnapshotFactory.class)
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TaskDecorator.class)
    TaskDecorator lwmContextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }
}
