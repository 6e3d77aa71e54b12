package com.linkwithmentor.realtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The socket layer is plumbing: it knows common-lib and no service, and servlet/Tomcat WebSockets not at all. */
@AnalyzeClasses(packages = "com.linkwithmentor.realtime", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule noServiceIsUsed = noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "com.linkwithmentor.chat..", "com.linkwithmentor.user..", "com.linkwithmentor.gateway..",
            "com.linkwithmentor.moderation..", "com.linkwithmentor.meeting..", "com.linkwithmentor.payment..",
            "com.linkwithmentor.signaling..", "com.linkwithmentor.lecture..");

    @ArchTest
    static final ArchRule noServletWebSockets = noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("org.springframework.web.socket..", "jakarta.websocket..", "org.apache.tomcat..");
}
