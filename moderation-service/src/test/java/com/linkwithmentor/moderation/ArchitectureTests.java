package com.linkwithmentor.moderation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Feature packages do not form cycles; the text machinery, the classifier and the policy know
 * nothing of HTTP, storage or the features above them; media inspection knows no policy;
 * moderation-service reaches no other service's code.
 */
@AnalyzeClasses(packages = "com.linkwithmentor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("com.linkwithmentor.moderation.(*)..").should()
        .beFreeOfCycles();

    @ArchTest
    static final ArchRule textIsPlainJava = noClasses().that().resideInAPackage("com.linkwithmentor.moderation.text..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.linkwithmentor.common..",
                "com.linkwithmentor.moderation.policy..", "com.linkwithmentor.moderation.analysis..");

    @ArchTest
    static final ArchRule theClassifierIsPlainJavaOnTheTextPackage = noClasses().that()
        .resideInAPackage("com.linkwithmentor.moderation.classifier..").should().dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "com.linkwithmentor.common..", "com.linkwithmentor.moderation.policy..",
                "com.linkwithmentor.moderation.analysis..", "com.linkwithmentor.moderation.media..");

    @ArchTest
    static final ArchRule mediaKnowsNoPolicy = noClasses().that().resideInAPackage("com.linkwithmentor.moderation.media..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.moderation.policy..",
                "com.linkwithmentor.moderation.analysis..", "com.linkwithmentor.moderation.enforcement..",
                "com.linkwithmentor.moderation.event..");

    @ArchTest
    static final ArchRule policyKnowsNoFeatureAbove = noClasses().that()
        .resideInAPackage("com.linkwithmentor.moderation.policy..").should().dependOnClassesThat()
        .resideInAnyPackage("com.linkwithmentor.moderation.analysis..", "com.linkwithmentor.moderation.event..",
                "com.linkwithmentor.moderation.enforcement..", "com.linkwithmentor.moderation.report..",
                "com.linkwithmentor.moderation.review..", "com.linkwithmentor.moderation.appeal..");

    @ArchTest
    static final ArchRule onlyRepositoriesAndTheAuditLogTouchJdbc = noClasses().that()
        .resideInAnyPackage("com.linkwithmentor.moderation..").and().haveSimpleNameNotEndingWith("Repository")
        .and().doNotHaveSimpleName("AuditLog")
        .should().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..");

    @ArchTest
    static final ArchRule controllersStayInTheirFeature = classes().that().haveSimpleNameEndingWith("Controller")
        .and().resideInAPackage("com.linkwithmentor.moderation..").should().notBePublic();

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = noClasses().that().resideInAPackage("com.linkwithmentor.moderation..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.user..", "com.linkwithmentor.chat..",
                "com.linkwithmentor.gateway..", "com.linkwithmentor.meeting..", "com.linkwithmentor.payment..",
                "com.linkwithmentor.signaling..", "com.linkwithmentor.lecture..");

    @ArchTest
    static final ArchRule commonLibKnowsNoService = noClasses().that().resideInAPackage("com.linkwithmentor.common..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.moderation..");
}
