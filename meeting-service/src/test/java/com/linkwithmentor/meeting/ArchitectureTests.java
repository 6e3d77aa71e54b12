package com.linkwithmentor.meeting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Feature packages form no cycles (web is a leaf; mentor and availability sit below session; the
 * features built on a session sit above it); the domain models that must stay pure (slot grid,
 * whiteboard operations, op rate) know no Spring, Redis or database; WebSockets are spoken only
 * through the shared socket layer, and only by the whiteboard (its live board is an adapter on it);
 * and meeting-service reaches no other service's code.
 */
@AnalyzeClasses(packages = "com.linkwithmentor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("com.linkwithmentor.meeting.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sessionsKnowNothingBuiltOnThem = noClasses().that()
        .resideInAnyPackage("com.linkwithmentor.meeting.session..", "com.linkwithmentor.meeting.availability..",
                "com.linkwithmentor.meeting.mentor..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.meeting.whiteboard..",
                "com.linkwithmentor.meeting.notes..", "com.linkwithmentor.meeting.materials..",
                "com.linkwithmentor.meeting.calendar..", "com.linkwithmentor.meeting.inbound..");

    @ArchTest
    static final ArchRule availabilityComesBeforeSessions = noClasses().that()
        .resideInAPackage("com.linkwithmentor.meeting.availability..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.meeting.session..");

    @ArchTest
    static final ArchRule theDomainModelsArePure = classes().that()
        .haveFullyQualifiedName("com.linkwithmentor.meeting.availability.SlotGrid")
        .or().haveFullyQualifiedName("com.linkwithmentor.meeting.availability.AvailabilityRules")
        .or().haveFullyQualifiedName("com.linkwithmentor.meeting.whiteboard.Whiteboard")
        .or().haveFullyQualifiedName("com.linkwithmentor.meeting.whiteboard.OpRate")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..", "tools.jackson.databind..",
                "com.linkwithmentor.meeting.availability..", "com.linkwithmentor.meeting.whiteboard..");

    @ArchTest
    static final ArchRule webSocketsOnlyThroughTheSocketLayer = noClasses().that().resideInAPackage("com.linkwithmentor.meeting..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.socket..", "jakarta.websocket..",
                "reactor.netty..", "io.netty..");

    @ArchTest
    static final ArchRule onlyTheWhiteboardIsLive = noClasses().that().resideInAPackage("com.linkwithmentor.meeting..")
        .and().resideOutsideOfPackage("com.linkwithmentor.meeting.whiteboard..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.realtime..");

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = noClasses().that().resideInAPackage("com.linkwithmentor.meeting..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.user..", "com.linkwithmentor.gateway..",
                "com.linkwithmentor.moderation..", "com.linkwithmentor.chat..", "com.linkwithmentor.payment..",
                "com.linkwithmentor.signaling..", "com.linkwithmentor.lecture..");

    @ArchTest
    static final ArchRule commonLibKnowsNoService = noClasses().that().resideInAPackage("com.linkwithmentor.common..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.meeting..");
}
