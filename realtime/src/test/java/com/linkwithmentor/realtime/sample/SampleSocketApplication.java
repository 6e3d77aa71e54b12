package com.linkwithmentor.realtime.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service with nothing but one socket endpoint, started by the layer's tests (no web server, no database). */
@SpringBootApplication
public class SampleSocketApplication {
}
