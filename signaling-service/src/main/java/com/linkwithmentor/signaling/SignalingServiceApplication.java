package com.linkwithmentor.signaling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Voice and video calls: call records, the WebRTC signaling socket, revocable TURN credentials. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SignalingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SignalingServiceApplication.class, args);
    }
}
