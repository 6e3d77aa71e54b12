package com.linkwithmentor.lecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Feature packages form no cycles (signing and web are leaves; course is the base the others build
 * on; media and progress sit on top), only the transcode feature runs processes, and lecture-service
 * reaches no other service's code.
 */
@AnalyzeClasses(packages = "com.linkwithmentor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("com.linkwithmentor.lecture.(*)..").should()
        .beFreeOfCycles();

    @ArchTest
    static final ArchRule theCatalogKnowsNothingAboutEnrollmentPlaybackOrProgress = noClasses().that()
        .resideInAPackage("com.linkwithmentor.lecture.course..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.lecture.enrollment..",
                "com.linkwithmentor.lecture.media..", "com.linkwithmentor.lecture.progress..",
                "com.linkwithmentor.lecture.upload..", "com.linkwithmentor.lecture.transcode..");

    @ArchTest
    static final ArchRule onlyTranscodingStartsProcesses = noClasses().that().resideInAPackage("com.linkwithmentor.lecture..")
        .and().resideOutsideOfPackage("com.linkwithmentor.lecture.transcode..")
        .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName());

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = noClasses().that().resideInAPackage("com.linkwithmentor.lecture..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.user..", "com.linkwithmentor.gateway..",
                "com.linkwithmentor.moderation..", "com.linkwithmentor.meeting..", "com.linkwithmentor.payment..",
                "com.linkwithmentor.signaling..", "com.linkwithmentor.chat..");

    @ArchTest
    static final ArchRule commonLibKnowsNoService = noClasses().that().resideInAPackage("com.linkwithmentor.common..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.lecture..");
}
