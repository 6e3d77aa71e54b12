package com.linkwithmentor.chat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Feature packages form no cycles (room and presence are leaves every feature may use; the
 * realtime endpoint sits on top), nothing below realtime knows about WebSockets or the socket layer,
 * and chat-service reaches no other service's code.
 */
@AnalyzeClasses(packages = "com.linkwithmentor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("com.linkwithmentor.chat.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyRealtimeKnowsWebSockets = noClasses().that().resideInAPackage("com.linkwithmentor.chat..")
        .and().resideOutsideOfPackage("com.linkwithmentor.chat.realtime..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.realtime..", "io.netty..",
                "reactor.netty..", "org.springframework.web.socket..", "jakarta.websocket..");

    @ArchTest
    static final ArchRule featuresDoNotReachIntoRealtime = noClasses().that().resideInAPackage("com.linkwithmentor.chat..")
        .and().resideOutsideOfPackage("com.linkwithmentor.chat.realtime..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.chat.realtime..");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = noClasses().that().resideInAPackage("com.linkwithmentor.chat..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.user..", "com.linkwithmentor.gateway..",
                "com.linkwithmentor.moderation..", "com.linkwithmentor.meeting..", "com.linkwithmentor.payment..",
                "com.linkwithmentor.signaling..", "com.linkwithmentor.lecture..");

    @ArchTest
    static final ArchRule commonLibKnowsNoService = noClasses().that().resideInAPackage("com.linkwithmentor.common..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.chat..");
}
