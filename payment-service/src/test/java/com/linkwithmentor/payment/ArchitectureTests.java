package com.linkwithmentor.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Feature packages form no cycles (ledger, events, provider and transaction are leaves the flows
 * use; settlement does not know subscriptions or checkout, it is told through interfaces they
 * implement), only the ledger writes postings, providers are reached only through the settlement
 * queue and reconciliation, and payment-service reaches no other service's code.
 */
@AnalyzeClasses(packages = "com.linkwithmentor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("com.linkwithmentor.payment.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule leavesStayLeaves = noClasses().that()
        .resideInAnyPackage("com.linkwithmentor.payment.ledger..", "com.linkwithmentor.payment.provider..",
                "com.linkwithmentor.payment.events..", "com.linkwithmentor.payment.transaction..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.payment.settlement..",
                "com.linkwithmentor.payment.checkout..", "com.linkwithmentor.payment.subscription..",
                "com.linkwithmentor.payment.payout..", "com.linkwithmentor.payment.dispute..");

    @ArchTest
    static final ArchRule providersAreCalledThroughTheQueue = noClasses().that()
        .resideInAnyPackage("com.linkwithmentor.payment.checkout..", "com.linkwithmentor.payment.subscription..",
                "com.linkwithmentor.payment.payout..", "com.linkwithmentor.payment.dispute..")
        .should().dependOnClassesThat().areAssignableTo(com.linkwithmentor.payment.provider.PaymentProvider.class);

    @ArchTest
    static final ArchRule noOtherServiceIsUsed = noClasses().that().resideInAPackage("com.linkwithmentor.payment..")
        .should().dependOnClassesThat().resideInAnyPackage("com.linkwithmentor.user..", "com.linkwithmentor.gateway..",
                "com.linkwithmentor.moderation..", "com.linkwithmentor.meeting..", "com.linkwithmentor.chat..",
                "com.linkwithmentor.signaling..", "com.linkwithmentor.lecture..", "com.linkwithmentor.sandbox..");

    @ArchTest
    static final ArchRule commonLibKnowsNoService = noClasses().that().resideInAPackage("com.linkwithmentor.common..")
        .should().dependOnClassesThat().resideInAPackage("com.linkwithmentor.payment..");
}
