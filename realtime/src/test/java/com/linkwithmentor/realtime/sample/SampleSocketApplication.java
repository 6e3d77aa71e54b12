package com.linkwithmentor.realtime.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A service with nothing but one socket endpoint, started by the layer's tests (no web server, no
 * database), and as its own process by the memory benchmark.
 */
@SpringBootApplication
public class SampleSocketApplication {

    /** Runs until stopped (SIGTERM closes the context, which drains the sockets). */
    public static void main(String[] args) throws InterruptedException {
        SpringApplication.run(SampleSocketApplication.class, args);
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
