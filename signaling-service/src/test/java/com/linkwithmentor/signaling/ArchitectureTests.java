package com.linkwithmentor.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Feature packages form no cycles (turn and eligibility are leaves; socket and suspension sit on
 * top of call), only the socket feature knows the socket layer, and signaling reaches no other
 * service's code.
 */
@AnalyzeClasses(packages = "com.linkwithmentor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("com.linkwithmentor.signaling.(*)..").should()
        .beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheSocketKnowsWebSockets = noClasses().that().resideInAPackage("com.linkwithmentor.signaling..")
        .and().resideOutsideOfPackage("com.linkwithmentor.signaling.socket..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.realtime..", "io.netty..", "reactor.netty..",
                "org.springframework.web.socket..", "jakarta.websocket..");

    @ArchTest
    static final ArchRule turnAndEligibilityKnowNothingOfCalls = noClasses()
        .that().resideInAnyPackage("com.linkwithmentor.signaling.turn..", "com.linkwithmentor.signaling.eligibility..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.signaling.call..",
                "com.linkwithmentor.signaling.socket..", "com.linkwithmentor.signaling.suspension..");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = noClasses().that().resideInAPackage("com.linkwithmentor.signaling..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.user..", "com.linkwithmentor.gateway..",
                "com.linkwithmentor.moderation..", "com.linkwithmentor.meeting..", "com.linkwithmentor.payment..",
                "com.linkwithmentor.chat..", "com.linkwithmentor.lecture..");

    @ArchTest
    static final ArchRule commonLibKnowsNoService = noClasses().that().resideInAPackage("com.linkwithmentor.common..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.signaling..");
}
