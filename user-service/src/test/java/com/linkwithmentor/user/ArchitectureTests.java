package com.linkwithmentor.user;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Feature packages do not form cycles, and user-service reaches no other service's code. */
@AnalyzeClasses(packages = "com.linkwithmentor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("com.linkwithmentor.user.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = noClasses().that().resideInAPackage("com.linkwithmentor.user..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.chat..", "com.linkwithmentor.gateway..",
                "com.linkwithmentor.moderation..", "com.linkwithmentor.meeting..", "com.linkwithmentor.payment..",
                "com.linkwithmentor.signaling..", "com.linkwithmentor.lecture..");

    @ArchTest
    static final ArchRule commonLibKnowsNoService = noClasses().that().resideInAPackage("com.linkwithmentor.common..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.user..");
}
